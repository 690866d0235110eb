using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Workspaces;

/// <summary><c>/api/v1/workspaces</c>: workspaces, members, invitations, ownership.</summary>
public static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces").RequireAuthorization();
        root.MapPost("/", CreateAsync).WithName("CreateWorkspace");
        root.MapGet("/", ListAsync).WithName("ListWorkspaces");

        var one = root.MapGroup("/{workspaceId}");
        one.MapGet("/", GetAsync).WithName("GetWorkspace").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapPatch("/", RenameAsync).WithName("RenameWorkspace").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapDelete("/", DeleteAsync).WithName("DeleteWorkspace").RequireWorkspaceRole(WorkspaceRole.Owner);
        one.MapGet("/members", MembersAsync).WithName("ListMembers").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapPatch("/members/{userId}", ChangeRoleAsync).WithName("ChangeMemberRole").RequireWorkspaceRole(WorkspaceRole.Admin);
        // Viewers may remove themselves (leave); removing others needs admin, which the grain checks.
        one.MapDelete("/members/{userId}", RemoveMemberAsync).WithName("RemoveMember").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapPost("/invitations", InviteAsync).WithName("Invite").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapPost("/transfer-ownership", TransferAsync).WithName("TransferOwnership").RequireWorkspaceRole(WorkspaceRole.Owner);

        app.MapPost("/api/v1/invitations/{token}/accept", AcceptAsync).WithTags("Workspaces").WithName("AcceptInvitation").RequireAuthorization();
        return app;
    }

    public static async Task<Created<WorkspaceSummary>> CreateAsync(WorkspaceNameRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summary = await grains.GetGrain<IWorkspaceGrain>(Secrets.NewId()).CreateAsync(request.Name ?? "", context.Caller());
        return TypedResults.Created($"/api/v1/workspaces/{summary.Id}", summary);
    }

    public static async Task<Ok<IReadOnlyList<WorkspaceSummary>>> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var userId = context.UserId();
        var result = new List<WorkspaceSummary>();
        foreach (var id in await grains.GetGrain<IUserGrain>(userId).GetMembershipsAsync())
        {
            var workspace = grains.GetGrain<IWorkspaceGrain>(id);
            if (await workspace.GetRoleAsync(userId) is not null)
            {
                result.Add(await workspace.GetSummaryAsync(userId));
            }
        }

        return TypedResults.Ok<IReadOnlyList<WorkspaceSummary>>(result);
    }

    public static async Task<Ok<WorkspaceSummary>> GetAsync(string workspaceId, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetSummaryAsync(context.UserId()));

    public static async Task<Ok<WorkspaceSummary>> RenameAsync(string workspaceId, WorkspaceNameRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspaceId).RenameAsync(request.Name ?? "", context.Caller()));
    }

    public static async Task<NoContent> DeleteAsync(string workspaceId, HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).DeleteAsync(context.Caller());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<WorkspaceMember>>> MembersAsync(string workspaceId, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetMembersAsync(context.UserId()));

    public static async Task<Ok<WorkspaceMember>> ChangeRoleAsync(string workspaceId, string userId, RoleRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var role = request.Role ?? throw new ArgumentException("role is required: owner, admin, editor or viewer.", nameof(request));
        return TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspaceId).ChangeRoleAsync(userId, role, context.Caller()));
    }

    public static async Task<NoContent> RemoveMemberAsync(string workspaceId, string userId, HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).RemoveMemberAsync(userId, context.Caller());
        return TypedResults.NoContent();
    }

    public static async Task<Created<InvitationResponse>> InviteAsync(string workspaceId, InvitationRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var role = request.Role ?? throw new ArgumentException("role is required: owner, admin, editor or viewer.", nameof(request));
        var created = await grains.GetGrain<IWorkspaceGrain>(workspaceId).InviteAsync(request.Email ?? "", role, context.Caller());
        var acceptUrl = $"{context.Request.Scheme}://{context.Request.Host}/api/v1/invitations/{Uri.EscapeDataString(created.Token)}/accept";
        return TypedResults.Created(acceptUrl, new InvitationResponse(created.Id, created.Token, acceptUrl, created.ExpiresAt));
    }

    public static async Task<NoContent> TransferAsync(string workspaceId, TransferOwnershipRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).TransferOwnershipAsync(request.UserId ?? "", context.Caller());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<WorkspaceSummary>> AcceptAsync(string token, HttpContext context, IGrainFactory grains)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot != 32)
        {
            throw new KeyNotFoundException("No such invitation, or it expired.");
        }

        return TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(token![..dot]).AcceptInvitationAsync(token, context.Caller()));
    }
}
