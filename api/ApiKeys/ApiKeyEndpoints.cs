using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.ApiKeys;

/// <summary><c>/api/v1/workspaces/{id}/api-keys</c>: create (secret shown once), list, revoke; workspace admins.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspaceId}/api-keys").WithTags("API keys")
            .RequireAuthorization().RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPost("/", CreateAsync).WithName("CreateApiKey");
        group.MapGet("/", ListAsync).WithName("ListApiKeys");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey");
        return app;
    }

    public static async Task<Created<ApiKeyCreated>> CreateAsync(string workspaceId, CreateApiKeyRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var created = await grains.GetGrain<IWorkspaceGrain>(workspaceId).CreateApiKeyAsync(request.Name ?? "", request.Scopes ?? [], request.ExpiresAt, context.Caller());
        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/api-keys/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListAsync(string workspaceId, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspaceId).ListApiKeysAsync(context.UserId()));

    public static async Task<NoContent> RevokeAsync(string workspaceId, string keyId, HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).RevokeApiKeyAsync(keyId, context.Caller());
        return TypedResults.NoContent();
    }
}
