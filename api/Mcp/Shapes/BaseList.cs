namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The bases the caller can see.</summary>
public sealed record BaseList(IReadOnlyList<BaseItem> Bases);
