namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The records an upsert wrote (or would write), in request order, which ids it created and updated, the change to each, and the journal id of an applied change.</summary>
public sealed record UpsertResult(IReadOnlyList<RecordItem> Records, IReadOnlyList<string> CreatedRecords, IReadOnlyList<string> UpdatedRecords, IReadOnlyList<RecordChange> Changes, bool DryRun, string? ChangeId = null);
