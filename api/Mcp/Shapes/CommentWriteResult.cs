namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The comment written (or, in a dry run, the record and text it would be written on), and the journal id of an applied change.</summary>
public sealed record CommentWriteResult(string RecordId, string Text, CommentItem? Comment, bool DryRun, string? ChangeId = null);
