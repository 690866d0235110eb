using System.Security.Claims;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Grains.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Auth;

/// <summary>
/// Turns an API key (<c>pyat_</c> + 32-hex id + secret) into the principal it acts as, for the bearer
/// scheme and for front ends without HTTP (the stdio MCP server).
/// </summary>
public static class ApiKeyAuthentication
{
    private const int KeyIdLength = 32;

    public static bool LooksLikeApiKey(string credential) => credential?.StartsWith(WorkspaceGrain.ApiKeyPrefix, StringComparison.Ordinal) ?? false;

    /// <summary>The key's claims (owner, key id, workspace, scopes), or the reason it was refused.</summary>
    public static async Task<(IReadOnlyList<Claim>? Claims, string? Failure)> AuthenticateAsync(IGrainFactory grains, string key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var body = LooksLikeApiKey(key) ? key[WorkspaceGrain.ApiKeyPrefix.Length..] : "";
        if (body.Length <= KeyIdLength || !body[..KeyIdLength].All(char.IsAsciiHexDigitLower))
        {
            return (null, "The API key is not valid.");
        }

        var identity = await grains.GetGrain<IApiKeyGrain>(body[..KeyIdLength]).AuthenticateAsync(body[KeyIdLength..]);
        if (identity is null)
        {
            return (null, "The API key is not valid.");
        }

        var session = await grains.GetGrain<IUserGrain>(identity.CreatedBy).CheckSessionAsync();
        if (!session.Exists || session.Disabled)
        {
            return (null, "The API key's owner is disabled.");
        }

        List<Claim> claims =
        [
            new(AuthClaims.Subject, identity.CreatedBy),
            new(AuthClaims.Kind, AuthClaims.ApiKeyKind),
            new(AuthClaims.KeyId, identity.KeyId),
            new(AuthClaims.Workspace, identity.WorkspaceId),
            .. identity.Scopes.Select(s => new Claim(AuthClaims.Scope, s.ToString())),
        ];
        return (claims, null);
    }

    /// <summary>The principal of a valid key, as the bearer scheme builds it.</summary>
    public static ClaimsPrincipal Principal(IEnumerable<Claim> claims, string scheme) =>
        new(new ClaimsIdentity(claims, scheme, AuthClaims.Subject, null));
}
