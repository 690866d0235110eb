namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The records a write left (or, in a dry run, would leave), the change to each, and the journal id of an applied change.</summary>
public sealed record RecordWriteResult(IReadOnlyList<RecordItem> Records, IReadOnlyList<RecordChange> Changes, bool DryRun, string? ChangeId = null);
