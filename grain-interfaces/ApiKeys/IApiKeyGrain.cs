namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>One API key, keyed by its id: hashed secret, workspace, scopes, expiry, last use.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores a new key (called by its workspace).</summary>
    Task<ApiKeyInfo> CreateAsync(string workspaceId, string name, string secretHash, IReadOnlyList<ApiKeyScope> scopes, DateTimeOffset? expiresAt, string createdBy);

    /// <summary>
    /// Checks a presented secret; null when the key is unknown, revoked, expired or the secret is
    /// wrong. Changes nothing, so concurrent checks of a busy key interleave; when the stored last
    /// use is older than its resolution the identity says so (<see cref="ApiKeyIdentity.LastUseDue"/>)
    /// and the caller records it with <see cref="RecordUseAsync"/>.
    /// </summary>
    [ReadOnly]
    Task<ApiKeyIdentity?> AuthenticateAsync(string secret);

    /// <summary>Stores the key's last use, at most once per resolution (a minute); a no-op for an unknown or revoked key.</summary>
    Task RecordUseAsync();

    /// <summary>The key without its secret, or null.</summary>
    [ReadOnly]
    Task<ApiKeyInfo?> GetInfoAsync();

    /// <summary>Revokes the key for good.</summary>
    Task RevokeAsync();
}
