using PyAirtable.GrainInterfaces.ApiKeys;

namespace PyAirtable.Grains.ApiKeys;

public sealed record ApiKeyState
{
    public string WorkspaceId { get; init; } = "";

    public string Name { get; init; } = "";

    public string SecretHash { get; init; } = "";

    public IReadOnlyList<ApiKeyScope> Scopes { get; init; } = [];

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public bool Revoked { get; init; }
}
