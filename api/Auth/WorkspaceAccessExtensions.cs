using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Auth;

public static class WorkspaceAccessExtensions
{
    /// <summary>Requires membership of the route's workspace with at least <paramref name="role"/>; API keys of that workspace may call it within their scopes.</summary>
    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole role)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredWorkspaceRole(role), new AllowApiKeysAttribute());
        return builder.AddEndpointFilter<TBuilder, WorkspaceAccessFilter>();
    }
}
