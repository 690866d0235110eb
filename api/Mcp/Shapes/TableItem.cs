namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A table; fields and views are left out at lower detail levels.</summary>
public sealed record TableItem(string Id, string Name, string? Description = null, string? PrimaryFieldId = null, IReadOnlyList<FieldItem>? Fields = null, IReadOnlyList<ViewItem>? Views = null);
