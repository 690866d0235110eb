using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

public sealed record ConnectionState
{
    public string WorkspaceId { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The token, encrypted by <see cref="TokenProtector"/>; never stored in clear.</summary>
    public string ProtectedToken { get; init; } = "";

    public string TokenHint { get; init; } = "";

    public ConnectionStatus Status { get; init; } = ConnectionStatus.Active;

    public string? StatusDetail { get; init; }

    public string? AirtableUserId { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset CheckedAt { get; init; }

    public bool Deleted { get; init; }
}
