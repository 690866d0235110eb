namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A base as listed: its workspace, what the caller may do in it (read, edit, create) and where it lives (local).</summary>
public sealed record BaseItem(string Id, string Name, string WorkspaceId, string PermissionLevel, string Source);
