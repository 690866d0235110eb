namespace PyAirtable.GrainInterfaces.Changes;

/// <summary>
/// An applied change: the base and table it touched, the tool and user, and per record (or for
/// the table, field or comment) the state before and after, enough to undo it.
/// </summary>
public sealed record ChangeEntry
{
    public string BaseId { get; init; } = "";

    public string? WorkspaceId { get; init; }

    public string TableId { get; init; } = "";

    public string Tool { get; init; } = "";

    public string UserId { get; init; } = "";

    public DateTimeOffset At { get; init; }

    public IReadOnlyList<JournaledRecord> Records { get; init; } = [];

    /// <summary>For table and field changes: <c>table</c> or <c>field</c>, and the field id.</summary>
    public string? SchemaKind { get; init; }

    public string? FieldId { get; init; }

    public SchemaText? SchemaBefore { get; init; }

    public SchemaText? SchemaAfter { get; init; }

    public string? CommentRecordId { get; init; }

    public string? CommentId { get; init; }

    public string? RevertedBy { get; init; }

    public DateTimeOffset? RevertedAt { get; init; }
}
