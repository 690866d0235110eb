namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A comment on a record.</summary>
public sealed record CommentItem(string Id, string AuthorId, string? AuthorEmail, string? AuthorName, string Text, string CreatedTime, string? LastUpdatedTime);
