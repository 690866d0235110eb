using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

/// <summary>A pending invitation; only the token's hash is kept.</summary>
public sealed record Invitation(string Id, string TokenHash, string Email, WorkspaceRole Role, DateTimeOffset ExpiresAt, string InvitedBy, bool Used);
