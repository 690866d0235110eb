namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>One API key, keyed by its id: hashed secret, workspace, scopes, expiry, last use.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores a new key (called by its workspace).</summary>
    Task<ApiKeyInfo> CreateAsync(string workspaceId, string name, string secretHash, IReadOnlyList<ApiKeyScope> scopes, DateTimeOffset? expiresAt, string createdBy);

    /// <summary>Checks a presented secret; null when the key is unknown, revoked, expired or the secret is wrong.</summary>
    Task<ApiKeyIdentity?> AuthenticateAsync(string secret);

    /// <summary>The key without its secret, or null.</summary>
    [ReadOnly]
    Task<ApiKeyInfo?> GetInfoAsync();

    /// <summary>Revokes the key for good.</summary>
    Task RevokeAsync();
}
