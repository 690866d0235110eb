using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Connections;

/// <summary>
/// <c>/api/v1/workspaces/{workspaceId}/connections</c>: Airtable personal access tokens of a
/// workspace (admins). A token is checked with Airtable before it is kept, stored encrypted, and
/// never shown again: responses carry only a hint (its prefix and last four characters).
/// </summary>
public static class ConnectionEndpoints
{
    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder app)
    {
        var connections = app.MapGroup("/api/v1/workspaces/{workspaceId}/connections").WithTags("Airtable connections").RequireAuthorization();
        connections.MapPost("/", CreateAsync).WithName("CreateConnection").RequireWorkspaceRole(WorkspaceRole.Admin);
        connections.MapGet("/", ListAsync).WithName("ListConnections").RequireWorkspaceRole(WorkspaceRole.Admin);
        connections.MapGet("/{connectionId}", GetAsync).WithName("GetConnection").RequireWorkspaceRole(WorkspaceRole.Admin);
        connections.MapGet("/{connectionId}/bases", ListAirtableBasesAsync).WithName("ListConnectionBases").RequireWorkspaceRole(WorkspaceRole.Admin);
        connections.MapPut("/{connectionId}/token", ReplaceTokenAsync).WithName("ReplaceConnectionToken").RequireWorkspaceRole(WorkspaceRole.Admin);
        connections.MapDelete("/{connectionId}", DeleteAsync).WithName("DeleteConnection").RequireWorkspaceRole(WorkspaceRole.Admin);
        return app;
    }

    /// <summary>The connection, if it belongs to the route's workspace; another workspace's is simply not found.</summary>
    public static async Task<IAirtableConnectionGrain> ConnectionAsync(IGrainFactory grains, string workspaceId, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var grain = grains.GetGrain<IAirtableConnectionGrain>(connectionId);
        var info = IsId(connectionId) ? await grain.GetInfoAsync() : null;
        return info is not null && info.WorkspaceId == workspaceId ? grain : throw new KeyNotFoundException("No such connection in this workspace.");
    }

    public static async Task<Created<AirtableConnectionInfo>> CreateAsync(string workspaceId, ConnectBody body, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(grains);
        var caller = context.Caller();
        var id = Secrets.NewId();
        var connection = grains.GetGrain<IAirtableConnectionGrain>(id);
        var info = await connection.ConnectAsync(workspaceId, body.Name ?? "", body.Token ?? "", caller.UserId);
        try
        {
            await grains.GetGrain<IWorkspaceGrain>(workspaceId).AddConnectionAsync(id, caller);
        }
        catch
        {
            await connection.DeleteAsync();
            throw;
        }

        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/connections/{id}", info);
    }

    public static async Task<Ok<IReadOnlyList<AirtableConnectionInfo>>> ListAsync(string workspaceId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var result = new List<AirtableConnectionInfo>();
        foreach (var id in await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetConnectionIdsAsync(context.UserId()))
        {
            if (await grains.GetGrain<IAirtableConnectionGrain>(id).GetInfoAsync() is { } info)
            {
                result.Add(info);
            }
        }

        return TypedResults.Ok<IReadOnlyList<AirtableConnectionInfo>>(result);
    }

    public static async Task<Ok<AirtableConnectionInfo>> GetAsync(string workspaceId, string connectionId, IGrainFactory grains) =>
        TypedResults.Ok((await (await ConnectionAsync(grains, workspaceId, connectionId)).GetInfoAsync())!);

    public static async Task<Ok<IReadOnlyList<AirtableBaseSummary>>> ListAirtableBasesAsync(string workspaceId, string connectionId, IGrainFactory grains) =>
        TypedResults.Ok(await (await ConnectionAsync(grains, workspaceId, connectionId)).ListBasesAsync());

    public static async Task<Ok<AirtableConnectionInfo>> ReplaceTokenAsync(string workspaceId, string connectionId, TokenBody body, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(body);
        return TypedResults.Ok(await (await ConnectionAsync(grains, workspaceId, connectionId)).ReplaceTokenAsync(body.Token ?? ""));
    }

    /// <summary>Deletes the connection and disconnects the bases that used it.</summary>
    public static async Task<NoContent> DeleteAsync(string workspaceId, string connectionId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var connection = await ConnectionAsync(grains, workspaceId, connectionId);
        foreach (var baseId in await grains.GetGrain<IWorkspaceGrain>(workspaceId).RemoveConnectionAsync(connectionId, context.Caller()))
        {
            await grains.GetGrain<IBaseGrain>(workspaceId + "/" + baseId).DisconnectAsync();
        }

        await connection.DeleteAsync();
        return TypedResults.NoContent();
    }

    private static bool IsId(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
