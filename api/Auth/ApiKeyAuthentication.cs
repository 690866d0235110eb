using System.Buffers;
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

    private static readonly SearchValues<char> s_lowerHexDigits = SearchValues.Create("0123456789abcdef");

    public static bool LooksLikeApiKey(string credential) => credential?.StartsWith(WorkspaceGrain.ApiKeyPrefix, StringComparison.Ordinal) ?? false;

    /// <summary>The key's principal (owner, key id, workspace, scopes), or the reason it was refused.</summary>
    public static async Task<(ClaimsPrincipal? Principal, string? Failure)> AuthenticateAsync(IGrainFactory grains, string key, string scheme)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var body = LooksLikeApiKey(key) ? key.AsSpan(WorkspaceGrain.ApiKeyPrefix.Length) : default;
        if (body.Length <= KeyIdLength || body[..KeyIdLength].ContainsAnyExcept(s_lowerHexDigits))
        {
            return (null, "The API key is not valid.");
        }

        var keyGrain = grains.GetGrain<IApiKeyGrain>(body[..KeyIdLength].ToString());
        var identity = await keyGrain.AuthenticateAsync(body[KeyIdLength..].ToString());
        if (identity is null)
        {
            return (null, "The API key is not valid.");
        }

        var session = await grains.GetGrain<IUserGrain>(identity.CreatedBy).CheckSessionAsync();
        if (!session.Exists || session.Disabled)
        {
            return (null, "The API key's owner is disabled.");
        }

        if (identity.LastUseDue)
        {
            await keyGrain.RecordUseAsync();
        }

        var claims = new ClaimsIdentity(scheme, AuthClaims.Subject, null);
        claims.AddClaim(new Claim(AuthClaims.Subject, identity.CreatedBy));
        claims.AddClaim(new Claim(AuthClaims.Kind, AuthClaims.ApiKeyKind));
        claims.AddClaim(new Claim(AuthClaims.KeyId, identity.KeyId));
        claims.AddClaim(new Claim(AuthClaims.Workspace, identity.WorkspaceId));
        foreach (var scope in identity.Scopes)
        {
            claims.AddClaim(new Claim(AuthClaims.Scope, ScopeName(scope)));
        }

        return (new ClaimsPrincipal(claims), null);
    }

    private static string ScopeName(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Read => nameof(ApiKeyScope.Read),
        ApiKeyScope.Write => nameof(ApiKeyScope.Write),
        ApiKeyScope.Admin => nameof(ApiKeyScope.Admin),
        _ => scope.ToString(),
    };
}
