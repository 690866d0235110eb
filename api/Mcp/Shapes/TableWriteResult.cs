namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A table as a schema write left it (or would leave it: a dry run's new table has no id), as it was before, and the journal id of an applied change.</summary>
public sealed record TableWriteResult(TableItem Table, TableItem? Before, bool DryRun, string? ChangeId = null);
