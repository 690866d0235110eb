using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PyAirtable.Grains.Security;

namespace PyAirtable.Api.Auth;

/// <summary>Issues and validates access tokens: HS256 only, issuer, audience and lifetime checked, no clock skew beyond 30 s.</summary>
public sealed class TokenService(AuthKeys keys, IOptions<SecurityOptions> options, TimeProvider time)
{
    /// <summary>At most this many validated tokens are remembered; when full the memory starts over.</summary>
    public const int ValidatedTokenCapacity = 10_000;

    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    // Built once per signing key and shared by every request: a new SymmetricSecurityKey per request
    // re-derives its JWK thumbprint (SHA-256) to find its cached HMAC provider, which cost more than
    // checking the signature (bench/RESULTS.md, auth).
    private Signing? _signing;

    public async Task<TokenResponse> IssueAsync(string userId, int securityStamp, string refreshToken)
    {
        var settings = options.Value;
        var signing = await GetSigningAsync().ConfigureAwait(false);
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
            SigningCredentials = signing.Credentials,
        };
        return new TokenResponse(_handler.CreateToken(descriptor), refreshToken, (int)settings.AccessTokenLifetime.TotalSeconds);
    }

    /// <summary>The token's subject and security stamp, or null when the token is not valid for any reason.</summary>
    /// <remarks>
    /// A token that passed is remembered, by its whole text (signature included), until it expires:
    /// a client sends the same token with every request for its 15 minutes, and parsing and verifying
    /// it again cost more than the rest of authentication (bench/RESULTS.md, auth). The caller still
    /// checks the security stamp on every request, so sign-out and password changes act at once.
    /// </remarks>
    public async Task<(string UserId, int Stamp)?> ValidateAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var signing = await GetSigningAsync().ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        if (signing.Validated.TryGetValue(token, out var known))
        {
            if (known.IsCurrent(now))
            {
                return (known.UserId, known.Stamp);
            }

            signing.Validated.TryRemove(token, out _);
        }

        var result = await _handler.ValidateTokenAsync(token, signing.Validation).ConfigureAwait(false);
        // Read the two claims from the validated token itself rather than building a ClaimsIdentity of all of them.
        if (!result.IsValid || result.SecurityToken is not JsonWebToken valid
            || !valid.TryGetClaim(AuthClaims.Subject, out var subject) || subject.Value is not { Length: > 0 }
            || !valid.TryGetClaim(AuthClaims.Stamp, out var stampClaim)
            || !int.TryParse(stampClaim.Value, System.Globalization.CultureInfo.InvariantCulture, out var stamp))
        {
            return null;
        }

        if (signing.Validated.Count >= ValidatedTokenCapacity)
        {
            signing.Validated.Clear();
        }

        signing.Validated[token] = new ValidatedToken(subject.Value, stamp, valid.ValidFrom, valid.ValidTo);
        return (subject.Value, stamp);
    }

    public static string? UserIdOf(ClaimsPrincipal principal) => principal?.FindFirst(AuthClaims.Subject)?.Value;

    private async Task<Signing> GetSigningAsync()
    {
        var key = await keys.GetSigningKeyAsync().ConfigureAwait(false);
        var signing = Volatile.Read(ref _signing);
        if (signing is not null && ReferenceEquals(signing.KeyBytes, key))
        {
            return signing;
        }

        // Two requests may both build one at start; either result is correct.
        signing = new Signing(key, CreateValidation(new SymmetricSecurityKey(key)));
        Volatile.Write(ref _signing, signing);
        return signing;
    }

    private TokenValidationParameters CreateValidation(SymmetricSecurityKey key)
    {
        var settings = options.Value;
        return new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = key,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = s_clockSkew,
            LifetimeValidator = (notBefore, expires, _, p) =>
                expires is { } e && e.ToUniversalTime() + p.ClockSkew > time.GetUtcNow().UtcDateTime
                && (notBefore is not { } nb || nb.ToUniversalTime() - p.ClockSkew <= time.GetUtcNow().UtcDateTime),
        };
    }

    /// <summary>The signing key's bytes as <see cref="AuthKeys"/> gave them, what is derived from them once, and the tokens they validated.</summary>
    private sealed class Signing(byte[] keyBytes, TokenValidationParameters validation)
    {
        public byte[] KeyBytes => keyBytes;

        public TokenValidationParameters Validation => validation;

        public SigningCredentials Credentials { get; } = new(validation.IssuerSigningKey, SecurityAlgorithms.HmacSha256);

        public ConcurrentDictionary<string, ValidatedToken> Validated { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A token that passed validation; it stays valid under the same lifetime rule, with the same skew.</summary>
    private sealed record ValidatedToken(string UserId, int Stamp, DateTime NotBefore, DateTime Expires)
    {
        public bool IsCurrent(DateTime utcNow) =>
            Expires + s_clockSkew > utcNow && (NotBefore == DateTime.MinValue || NotBefore - s_clockSkew <= utcNow);
    }
}
