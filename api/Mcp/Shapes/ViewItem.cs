namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A view of a table.</summary>
public sealed record ViewItem(string Id, string Name, string Type);
