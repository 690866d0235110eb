namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A workspace the caller can see, and the role the caller acts with in it.</summary>
public sealed record WorkspaceItem(string Id, string Name, string Role);
