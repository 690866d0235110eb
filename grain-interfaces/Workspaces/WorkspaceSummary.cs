namespace PyAirtable.GrainInterfaces.Workspaces;

/// <summary>A workspace as one member sees it.</summary>
public sealed record WorkspaceSummary(string Id, string Name, WorkspaceRole Role, DateTimeOffset CreatedAt);
