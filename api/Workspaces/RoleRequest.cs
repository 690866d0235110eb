using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Workspaces;

public sealed record RoleRequest(WorkspaceRole? Role);
