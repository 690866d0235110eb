namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The workspaces the caller can see.</summary>
public sealed record WorkspaceList(IReadOnlyList<WorkspaceItem> Workspaces);
