using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Admin;

/// <summary><c>/api/v1/admin</c> (platform administrators) and a workspace's own audit trail (its admins).</summary>
public static class AdminEndpoints
{
    public const int MaxAuditEntries = 500;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AuthenticationSetup.PlatformAdminPolicy);
        group.MapGet("/audit", AuditAsync).WithName("AdminAudit");
        group.MapGet("/audit/verify", VerifyAsync).WithName("VerifyAudit");
        group.MapGet("/users", UsersAsync).WithName("AdminUsers");
        group.MapPost("/users/{userId}/disable", DisableAsync).WithName("DisableUser");

        app.MapGet("/api/v1/workspaces/{workspaceId}/audit", WorkspaceAuditAsync).WithTags("Workspaces").WithName("WorkspaceAudit")
            .RequireAuthorization().RequireWorkspaceRole(WorkspaceRole.Admin);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<AuditEntry>>> AuditAsync(IGrainFactory grains, int? limit) =>
        TypedResults.Ok(await Log(grains).QueryAsync(null, Limit(limit)));

    public static async Task<Ok<AuditVerification>> VerifyAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Log(grains).VerifyAsync());

    public static async Task<Ok<IReadOnlyList<UserProfile>>> UsersAsync(IGrainFactory grains)
    {
        var users = new List<UserProfile>();
        foreach (var id in await grains.GetGrain<IUserDirectoryGrain>("all").ListAsync())
        {
            users.Add(await grains.GetGrain<IUserGrain>(id).GetProfileAsync());
        }

        return TypedResults.Ok<IReadOnlyList<UserProfile>>(users);
    }

    public static async Task<NoContent> DisableAsync(string userId, HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(userId).SetDisabledAsync(true, context.Caller());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<AuditEntry>>> WorkspaceAuditAsync(string workspaceId, IGrainFactory grains, int? limit) =>
        TypedResults.Ok(await Log(grains).QueryAsync(workspaceId, Limit(limit)));

    private static IAuditLogGrain Log(IGrainFactory grains) => grains.GetGrain<IAuditLogGrain>(AuditStreams.Key);

    private static int Limit(int? limit) => Math.Clamp(limit ?? 100, 1, MaxAuditEntries);
}
