namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The ids of the deleted records.</summary>
public sealed record DeleteResult(IReadOnlyList<string> DeletedRecordIds);
