namespace PyAirtable.Grains.Workspaces;

public sealed record WorkspaceState
{
    public string Name { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public bool Deleted { get; init; }

    public IReadOnlyDictionary<string, MemberEntry> Members { get; init; } = new Dictionary<string, MemberEntry>();

    public IReadOnlyList<Invitation> Invitations { get; init; } = [];

    public IReadOnlyList<string> ApiKeyIds { get; init; } = [];

    public IReadOnlyList<string> BaseIds { get; init; } = [];

    public IReadOnlyList<string> ConnectionIds { get; init; } = [];

    /// <summary>Connected Airtable bases: base id → connection id.</summary>
    public IReadOnlyDictionary<string, string> ConnectedBases { get; init; } = new Dictionary<string, string>();
}
