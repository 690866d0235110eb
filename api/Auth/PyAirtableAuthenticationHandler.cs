using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer</c> with either an access token (JWT, checked against the user's
/// current security stamp so logout-all, password changes and disabling take effect at once) or
/// an API key (<c>pyat_</c> + 32-hex id + secret).
/// </summary>
public sealed class PyAirtableAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var credential = header["Bearer ".Length..].Trim();
        return ApiKeyAuthentication.LooksLikeApiKey(credential)
            ? await AuthenticateApiKeyAsync(credential)
            : await AuthenticateAccessTokenAsync(credential);
    }

    private async Task<AuthenticateResult> AuthenticateAccessTokenAsync(string token)
    {
        if (await tokens.ValidateAsync(token) is not { } valid)
        {
            return AuthenticateResult.Fail("The access token is not valid.");
        }

        var session = await grains.GetGrain<IUserGrain>(valid.UserId).CheckSessionAsync();
        if (!session.Exists || session.Disabled || session.SecurityStamp != valid.Stamp)
        {
            return AuthenticateResult.Fail("The session has ended.");
        }

        List<Claim> claims = [new(AuthClaims.Subject, valid.UserId), new(AuthClaims.Kind, AuthClaims.UserKind)];
        if (session.IsPlatformAdmin)
        {
            claims.Add(new Claim(AuthClaims.PlatformAdmin, "true"));
        }

        if (session.MustChangePassword)
        {
            claims.Add(new Claim(AuthClaims.PasswordChangePending, "true"));
        }

        return Success(claims);
    }

    private async Task<AuthenticateResult> AuthenticateApiKeyAsync(string key)
    {
        var (principal, failure) = await ApiKeyAuthentication.AuthenticateAsync(grains, key, Scheme.Name);
        return principal is null ? AuthenticateResult.Fail(failure!) : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, AuthClaims.Subject, null)), Scheme.Name));
}
