namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyInfo(
    string Id,
    string Name,
    string WorkspaceId,
    string CreatedBy,
    IReadOnlyList<ApiKeyScope> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    bool Revoked);
