using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.GrainInterfaces.Security;

/// <summary>Who asks, and from where: what every security-relevant grain call carries so its audit entry can say so.</summary>
/// <param name="UserId">The signed-in user, or the creator of the API key used.</param>
/// <param name="ClientAddress">The client's address, for the audit log.</param>
/// <param name="RoleLimit">
/// The most the caller may act as in a workspace, whatever the user's own role: set for an API key
/// (its scopes), so an admin-scoped key of an owner cannot do what only owners may; null for a signed-in user.
/// </param>
public sealed record Caller(string UserId, string? ClientAddress, WorkspaceRole? RoleLimit = null);
