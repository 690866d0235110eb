namespace PyAirtable.GrainInterfaces.Workspaces;

/// <summary>One member and their role.</summary>
public sealed record WorkspaceMember(string UserId, WorkspaceRole Role, DateTimeOffset JoinedAt);
