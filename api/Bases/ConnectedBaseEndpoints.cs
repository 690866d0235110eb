using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PyAirtable.Api.Auth;
using PyAirtable.Api.Connections;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Bases;

/// <summary>The connected-base side of <c>/api/v1/workspaces/{id}/bases</c>: connect, show, refresh the schema, disconnect.</summary>
public static class ConnectedBaseEndpoints
{
    /// <summary>A connected base with what its gateway has done since it was activated.</summary>
    public sealed record ConnectedBaseDetails(BaseListing Base, DateTimeOffset ConnectedAt, GatewayStatistics Gateway);

    public static IBaseGrain Grain(IGrainFactory grains, string workspaceId, string baseId) =>
        (grains ?? throw new ArgumentNullException(nameof(grains))).GetGrain<IBaseGrain>(workspaceId + "/" + baseId);

    /// <summary>Whether <paramref name="baseId"/> is a connected base of the workspace (the caller's role was checked by the route).</summary>
    public static async Task<bool> IsConnectedAsync(IGrainFactory grains, string workspaceId, string baseId) =>
        await (grains ?? throw new ArgumentNullException(nameof(grains))).GetGrain<IWorkspaceGrain>(workspaceId).FindConnectedBaseAsync(baseId) is not null;

    public static async Task<IResult> ConnectAsync(string workspaceId, CreateBaseBody body, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(grains);
        if (string.IsNullOrWhiteSpace(body.ConnectionId) || body.BaseId is not { } baseId || !AirtableIds.Is(baseId, AirtableIds.Base))
        {
            throw new ArgumentException("Connecting an Airtable base needs connectionId and baseId (app… as Airtable shows it).", nameof(body));
        }

        if (body.Tables is { Count: > 0 })
        {
            throw new ArgumentException("A connected base takes its tables from Airtable; leave tables out.", nameof(body));
        }

        var connection = await ConnectionEndpoints.ConnectionAsync(grains, workspaceId, body.ConnectionId);
        var seen = (await connection.ListBasesAsync()).FirstOrDefault(b => b.Id == baseId)
            ?? throw new KeyNotFoundException("The connection's token cannot see this Airtable base; check the base id and the token's access.");
        if (await grains.GetGrain<ILocalBaseGrain>(baseId).GetInfoAsync() is not null)
        {
            throw new ConflictException("A local base has this id.");
        }

        var caller = context.Caller();
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).AddConnectedBaseAsync(baseId, body.ConnectionId, caller);
        var info = await Grain(grains, workspaceId, baseId).ConnectAsync(body.ConnectionId, string.IsNullOrWhiteSpace(body.Name) ? seen.Name : body.Name.Trim());
        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/bases/{baseId}", Listing(info));
    }

    public static async Task<IReadOnlyList<BaseListing>> ListAsync(string workspaceId, string userId, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var result = new List<BaseListing>();
        foreach (var baseId in (await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetConnectedBasesAsync(userId)).Keys)
        {
            if (await Grain(grains, workspaceId, baseId).GetInfoAsync() is { } info)
            {
                result.Add(Listing(info));
            }
        }

        return result;
    }

    public static async Task<Ok<ConnectedBaseDetails>> GetAsync(string workspaceId, string baseId, IGrainFactory grains)
    {
        var grain = Grain(grains, workspaceId, baseId);
        var info = await grain.GetInfoAsync() ?? throw new KeyNotFoundException("No such base in this workspace.");
        return TypedResults.Ok(new ConnectedBaseDetails(Listing(info), info.ConnectedAt, await grain.GetStatisticsAsync()));
    }

    /// <summary>The tables of a connected base as Airtable describes them (<c>{"tables":[…]}</c>).</summary>
    public static async Task<IResult> ListTablesAsync(string workspaceId, string baseId, IGrainFactory grains) =>
        SchemaResult(await Grain(grains, workspaceId, baseId).GetSchemaAsync());

    private static IResult SchemaResult(AirtableResponse response) => response.Succeeded
        ? Results.Content(response.Body, response.ContentType, statusCode: 200)
        : throw new AirtableGatewayException(AirtableFailure.Refused, $"Airtable refused to send the schema ({response.Status}).", null, response.Status, response.Body);

    /// <summary>Drops the cached schema and returns Airtable's current one (<c>{"tables":[…]}</c>, as Airtable sends it).</summary>
    public static async Task<IResult> RefreshSchemaAsync(string workspaceId, string baseId, IGrainFactory grains)
    {
        if (!await IsConnectedAsync(grains, workspaceId, baseId))
        {
            throw new KeyNotFoundException("No such connected base in this workspace.");
        }

        return SchemaResult(await Grain(grains, workspaceId, baseId).RefreshSchemaAsync());
    }

    public static async Task DisconnectAsync(string workspaceId, string baseId, Caller caller, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).RemoveConnectedBaseAsync(baseId, caller);
        await Grain(grains, workspaceId, baseId).DisconnectAsync();
    }

    public static BaseListing Listing(ConnectedBaseInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(info.Id, info.Name, "airtable", info.WorkspaceId, info.ConnectedAt, AirtableParity: false, info.ConnectionId);
    }

    public static BaseListing Listing(BaseInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(info.Id, info.Name, "local", info.WorkspaceId, info.CreatedAt, info.AirtableParity, null);
    }
}
