namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>Records, and the offset of the next page when there is one.</summary>
public sealed record RecordList(IReadOnlyList<RecordItem> Records, string? Offset = null);
