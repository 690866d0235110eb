namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>Comments of a record, newest first, and the offset of the next page when there is one.</summary>
public sealed record CommentList(IReadOnlyList<CommentItem> Comments, string? Offset = null);
