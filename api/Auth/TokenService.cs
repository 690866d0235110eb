using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PyAirtable.Grains.Security;

namespace PyAirtable.Api.Auth;

/// <summary>Issues and validates access tokens: HS256 only, issuer, audience and lifetime checked, no clock skew beyond 30 s.</summary>
public sealed class TokenService(AuthKeys keys, IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<TokenResponse> IssueAsync(string userId, int securityStamp, string refreshToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Claims = new Dictionary<string, object>
            {
                [AuthClaims.Subject] = userId,
                [AuthClaims.Stamp] = securityStamp,
                ["jti"] = Secrets.NewId(),
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(await keys.GetSigningKeyAsync()), SecurityAlgorithms.HmacSha256),
        };
        return new TokenResponse(_handler.CreateToken(descriptor), refreshToken, (int)settings.AccessTokenLifetime.TotalSeconds);
    }

    /// <summary>The token's subject and security stamp, or null when the token is not valid for any reason.</summary>
    public async Task<(string UserId, int Stamp)?> ValidateAsync(string token)
    {
        var settings = options.Value;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(await keys.GetSigningKeyAsync()),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, p) =>
                expires is { } e && e.ToUniversalTime() + p.ClockSkew > time.GetUtcNow().UtcDateTime
                && (notBefore is not { } nb || nb.ToUniversalTime() - p.ClockSkew <= time.GetUtcNow().UtcDateTime),
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid || result.ClaimsIdentity.FindFirst(AuthClaims.Subject)?.Value is not { Length: > 0 } subject
            || !int.TryParse(result.ClaimsIdentity.FindFirst(AuthClaims.Stamp)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var stamp))
        {
            return null;
        }

        return (subject, stamp);
    }

    public static string? UserIdOf(ClaimsPrincipal principal) => principal?.FindFirst(AuthClaims.Subject)?.Value;
}
