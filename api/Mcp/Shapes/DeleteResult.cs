namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The ids of the deleted records (or, in a dry run, of those that would be), each record as it was, and the journal id of an applied change.</summary>
public sealed record DeleteResult(IReadOnlyList<string> DeletedRecordIds, IReadOnlyList<RecordChange> Changes, bool DryRun, string? ChangeId = null);
