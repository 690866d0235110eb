namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The tables of a base.</summary>
public sealed record TableList(string BaseId, IReadOnlyList<TableItem> Tables);
