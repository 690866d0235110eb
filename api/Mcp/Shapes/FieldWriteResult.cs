namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A field as a schema write left it (or would leave it: a dry run's new field has no id), as it was before, and the journal id of an applied change.</summary>
public sealed record FieldWriteResult(string TableId, FieldItem Field, FieldItem? Before, bool DryRun, string? ChangeId = null);
