namespace PyAirtable.GrainInterfaces.Workspaces;

/// <summary>Roles in a workspace, lowest first: viewers read, editors change data, admins manage members, keys and settings, owners delete and transfer.</summary>
public enum WorkspaceRole
{
    Viewer = 1,
    Editor = 2,
    Admin = 3,
    Owner = 4,
}
