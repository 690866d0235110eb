using System.Buffers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Grains.Workspaces;
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
    private const int KeyIdLength = 32;

    private static readonly SearchValues<char> s_lowerHexDigits = SearchValues.Create("0123456789abcdef");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var credential = header["Bearer ".Length..].Trim();
        return credential.StartsWith(WorkspaceGrain.ApiKeyPrefix, StringComparison.Ordinal)
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
        var body = key.AsSpan(WorkspaceGrain.ApiKeyPrefix.Length);
        if (body.Length <= KeyIdLength || body[..KeyIdLength].ContainsAnyExcept(s_lowerHexDigits))
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var keyGrain = grains.GetGrain<IApiKeyGrain>(body[..KeyIdLength].ToString());
        var identity = await keyGrain.AuthenticateAsync(body[KeyIdLength..].ToString());
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var session = await grains.GetGrain<IUserGrain>(identity.CreatedBy).CheckSessionAsync();
        if (!session.Exists || session.Disabled)
        {
            return AuthenticateResult.Fail("The API key's owner is disabled.");
        }

        if (identity.LastUseDue)
        {
            await keyGrain.RecordUseAsync();
        }

        var claims = new ClaimsIdentity(Scheme.Name, AuthClaims.Subject, null);
        claims.AddClaim(new Claim(AuthClaims.Subject, identity.CreatedBy));
        claims.AddClaim(new Claim(AuthClaims.Kind, AuthClaims.ApiKeyKind));
        claims.AddClaim(new Claim(AuthClaims.KeyId, identity.KeyId));
        claims.AddClaim(new Claim(AuthClaims.Workspace, identity.WorkspaceId));
        foreach (var scope in identity.Scopes)
        {
            claims.AddClaim(new Claim(AuthClaims.Scope, ScopeName(scope)));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), Scheme.Name));
    }

    private static string ScopeName(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Read => nameof(ApiKeyScope.Read),
        ApiKeyScope.Write => nameof(ApiKeyScope.Write),
        ApiKeyScope.Admin => nameof(ApiKeyScope.Admin),
        _ => scope.ToString(),
    };

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, AuthClaims.Subject, null)), Scheme.Name));
}
