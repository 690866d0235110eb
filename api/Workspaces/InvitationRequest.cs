using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Workspaces;

public sealed record InvitationRequest(string? Email, WorkspaceRole? Role);
