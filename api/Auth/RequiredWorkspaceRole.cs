using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Auth;

/// <summary>Endpoint metadata: the lowest workspace role the route's <c>{workspaceId}</c> requires.</summary>
public sealed record RequiredWorkspaceRole(WorkspaceRole Role);
