using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Bases;

/// <summary>
/// <c>/api/v1/workspaces/{workspaceId}/bases</c>: local bases for the web UI and REST clients,
/// with the same validation as <c>/v0</c> and ProblemDetails errors.
/// </summary>
public static class BaseEndpoints
{
    public const int MaxRecordsPerRequest = 100;

    public static IEndpointRouteBuilder MapBaseEndpoints(this IEndpointRouteBuilder app)
    {
        var bases = app.MapGroup("/api/v1/workspaces/{workspaceId}/bases").WithTags("Bases").RequireAuthorization();
        bases.MapPost("/", CreateAsync).WithName("CreateBase").RequireWorkspaceRole(WorkspaceRole.Admin);
        bases.MapGet("/", ListAsync).WithName("ListBases").RequireWorkspaceRole(WorkspaceRole.Viewer);

        var one = bases.MapGroup("/{baseId}");
        one.MapGet("/", GetAsync).WithName("GetBase").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapPatch("/", UpdateAsync).WithName("UpdateBase").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapDelete("/", DeleteAsync).WithName("DeleteBase").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapPost("/refresh-schema", ConnectedBaseEndpoints.RefreshSchemaAsync).WithName("RefreshBaseSchema").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapGet("/tables", ListTablesAsync).WithName("ListTables").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapPost("/tables", CreateTableAsync).WithName("CreateTable").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapPatch("/tables/{tableId}", UpdateTableAsync).WithName("UpdateTable").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapPost("/tables/{tableId}/fields", CreateFieldAsync).WithName("CreateField").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapPatch("/tables/{tableId}/fields/{fieldId}", UpdateFieldAsync).WithName("UpdateField").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapPut("/tables/{tableId}/views", PutViewAsync).WithName("PutView").RequireWorkspaceRole(WorkspaceRole.Admin);
        one.MapGet("/tables/{tableId}/records", ListRecordsAsync).WithName("ListRecords").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapGet("/tables/{tableId}/records/{recordId}", GetRecordAsync).WithName("GetRecord").RequireWorkspaceRole(WorkspaceRole.Viewer);
        one.MapPost("/tables/{tableId}/records", WriteRecordsAsync).WithName("WriteRecords").RequireWorkspaceRole(WorkspaceRole.Editor);
        one.MapDelete("/tables/{tableId}/records", DeleteRecordsAsync).WithName("DeleteRecords").RequireWorkspaceRole(WorkspaceRole.Editor);
        one.MapDelete("/tables/{tableId}/records/{recordId}", DeleteRecordAsync).WithName("DeleteRecord").RequireWorkspaceRole(WorkspaceRole.Editor);
        return app;
    }

    /// <summary>The base, if it belongs to the route's workspace; another workspace's base is simply not found.</summary>
    private static async Task<ILocalBaseGrain> BaseAsync(IGrainFactory grains, string workspaceId, string baseId)
    {
        var grain = grains.GetGrain<ILocalBaseGrain>(baseId);
        var info = AirtableIds.Is(baseId, AirtableIds.Base) ? await grain.GetInfoAsync() : null;
        return info is not null && info.WorkspaceId == workspaceId ? grain : throw new KeyNotFoundException("No such base in this workspace.");
    }

    /// <summary>Creates a local base, or connects an Airtable base when the body names a connection and a base id.</summary>
    public static async Task<IResult> CreateAsync(string workspaceId, CreateBaseBody body, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(grains);
        if (body.ConnectionId is not null || body.BaseId is not null)
        {
            return await ConnectedBaseEndpoints.ConnectAsync(workspaceId, body, context, grains);
        }

        var baseId = AirtableIds.New(AirtableIds.Base);
        var caller = context.Caller();
        var schema = await grains.GetGrain<ILocalBaseGrain>(baseId).CreateAsync(new CreateBaseRequest(body.Name ?? "", workspaceId, body.Tables ?? []), caller);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).AddBaseAsync(baseId, caller);
        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/bases/{baseId}", schema);
    }

    /// <summary>Local and connected bases side by side, each with its <c>kind</c>.</summary>
    public static async Task<Ok<IReadOnlyList<BaseListing>>> ListAsync(string workspaceId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var result = new List<BaseListing>();
        foreach (var id in await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetBaseIdsAsync(context.UserId()))
        {
            if (await grains.GetGrain<ILocalBaseGrain>(id).GetInfoAsync() is { } info)
            {
                result.Add(ConnectedBaseEndpoints.Listing(info));
            }
        }

        result.AddRange(await ConnectedBaseEndpoints.ListAsync(workspaceId, context.UserId(), grains));
        return TypedResults.Ok<IReadOnlyList<BaseListing>>(result);
    }

    /// <summary>A local base's schema, or a connected base with its gateway's counters.</summary>
    public static async Task<IResult> GetAsync(string workspaceId, string baseId, IGrainFactory grains) =>
        await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId)
            ? (IResult)await ConnectedBaseEndpoints.GetAsync(workspaceId, baseId, grains)
            : TypedResults.Ok(await (await BaseAsync(grains, workspaceId, baseId)).GetSchemaAsync());

    public static async Task<Ok<BaseInfo>> UpdateAsync(string workspaceId, string baseId, UpdateBaseBody body, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(body);
        return TypedResults.Ok(await (await BaseAsync(grains, workspaceId, baseId)).UpdateAsync(body.Name, body.AirtableParity, context.Caller()));
    }

    public static async Task<NoContent> DeleteAsync(string workspaceId, string baseId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var caller = context.Caller();
        if (await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId))
        {
            await ConnectedBaseEndpoints.DisconnectAsync(workspaceId, baseId, caller, grains);
            return TypedResults.NoContent();
        }

        await (await BaseAsync(grains, workspaceId, baseId)).DeleteAsync(caller);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).RemoveBaseAsync(baseId, caller);
        return TypedResults.NoContent();
    }

    /// <summary>The tables of a base, <c>{"tables":[…]}</c>: a local base's schema, or a connected base's as Airtable describes it.</summary>
    public static async Task<IResult> ListTablesAsync(string workspaceId, string baseId, IGrainFactory grains) =>
        await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId)
            ? await ConnectedBaseEndpoints.ListTablesAsync(workspaceId, baseId, grains)
            : TypedResults.Ok(new TableList((await (await BaseAsync(grains, workspaceId, baseId)).GetSchemaAsync()).Tables));

    public static async Task<Created<TableSchema>> CreateTableAsync(string workspaceId, string baseId, TableDefinition body, HttpContext context, IGrainFactory grains)
    {
        var table = await (await BaseAsync(grains, workspaceId, baseId)).CreateTableAsync(body, context.Caller());
        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{table.Id}", table);
    }

    public static async Task<Ok<TableSchema>> UpdateTableAsync(string workspaceId, string baseId, string tableId, SchemaUpdate body, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await (await BaseAsync(grains, workspaceId, baseId)).UpdateTableAsync(tableId, body, context.Caller()));

    public static async Task<Created<FieldSchema>> CreateFieldAsync(string workspaceId, string baseId, string tableId, FieldDefinition body, HttpContext context, IGrainFactory grains)
    {
        var field = await (await BaseAsync(grains, workspaceId, baseId)).CreateFieldAsync(tableId, body, context.Caller());
        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/fields/{field.Id}", field);
    }

    public static async Task<Ok<FieldSchema>> UpdateFieldAsync(string workspaceId, string baseId, string tableId, string fieldId, SchemaUpdate body, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await (await BaseAsync(grains, workspaceId, baseId)).UpdateFieldAsync(tableId, fieldId, body, context.Caller()));

    public static async Task<Ok<ViewSchema>> PutViewAsync(string workspaceId, string baseId, string tableId, ViewDefinition body, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await (await BaseAsync(grains, workspaceId, baseId)).PutViewAsync(tableId, body, context.Caller()));

    /// <summary>Records of a table: <c>filterByFormula</c>, <c>sort=Field:desc,Other</c>, <c>view</c>, <c>fields</c>, <c>pageSize</c>, <c>offset</c>.</summary>
    public static async Task<Ok<RecordPage>> ListRecordsAsync(
        string workspaceId, string baseId, string tableId, string? filterByFormula, string? sort, string? view, string? fields, int? pageSize, string? offset, IGrainFactory grains)
    {
        var query = new RecordQuery
        {
            FilterByFormula = filterByFormula,
            View = view,
            Sort = sort?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.Split(':') is [var field, var direction] ? new ViewSort(field, direction) : new ViewSort(s, "asc")).ToList(),
            Fields = fields?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            PageSize = pageSize,
            Offset = offset,
            ReturnFieldsByFieldId = true,
        };
        return TypedResults.Ok(await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId)
            ? await ConnectedBaseEndpoints.Grain(grains, workspaceId, baseId).ListRecordsAsync(tableId, query)
            : await (await BaseAsync(grains, workspaceId, baseId)).ListRecordsAsync(tableId, query));
    }

    public static async Task<Ok<RecordData>> GetRecordAsync(string workspaceId, string baseId, string tableId, string recordId, IGrainFactory grains) =>
        TypedResults.Ok(await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId)
            ? await ConnectedBaseEndpoints.Grain(grains, workspaceId, baseId).GetRecordAsync(tableId, recordId)
            : await (await BaseAsync(grains, workspaceId, baseId)).GetRecordAsync(tableId, recordId, new RecordQuery { ReturnFieldsByFieldId = true }));

    public static async Task<Ok<IReadOnlyList<RecordData>>> WriteRecordsAsync(string workspaceId, string baseId, string tableId, RecordsBody body, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Records is not { Count: > 0 and <= MaxRecordsPerRequest } records)
        {
            throw new ArgumentException($"records must hold from 1 to {MaxRecordsPerRequest} records.", nameof(body));
        }

        if (await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId))
        {
            // Airtable takes 10 records a request: the base's grain sends them in batches, in order.
            return TypedResults.Ok(await ConnectedBaseEndpoints.Grain(grains, workspaceId, baseId).WriteRecordsAsync(tableId, records, body.Typecast, context.Caller().UserId));
        }

        var written = await (await BaseAsync(grains, workspaceId, baseId)).WriteRecordsAsync(tableId, records, new WriteOptions(body.Typecast, ReturnFieldsByFieldId: true), context.Caller());
        return TypedResults.Ok(written);
    }

    public static async Task<NoContent> DeleteRecordAsync(string workspaceId, string baseId, string tableId, string recordId, HttpContext context, IGrainFactory grains)
    {
        if (await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId))
        {
            await ConnectedBaseEndpoints.Grain(grains, workspaceId, baseId).DeleteRecordsAsync(tableId, [recordId], context.Caller().UserId);
            return TypedResults.NoContent();
        }

        await (await BaseAsync(grains, workspaceId, baseId)).DeleteRecordsAsync(tableId, [recordId], context.Caller());
        return TypedResults.NoContent();
    }

    /// <summary>Deletes the records named by <c>?ids=rec…&amp;ids=rec…</c> (at most 100).</summary>
    public static async Task<NoContent> DeleteRecordsAsync(string workspaceId, string baseId, string tableId, string[]? ids, HttpContext context, IGrainFactory grains)
    {
        if (ids is not { Length: > 0 and <= MaxRecordsPerRequest })
        {
            throw new ArgumentException($"ids must name from 1 to {MaxRecordsPerRequest} records.", nameof(ids));
        }

        if (await ConnectedBaseEndpoints.IsConnectedAsync(grains, workspaceId, baseId))
        {
            await ConnectedBaseEndpoints.Grain(grains, workspaceId, baseId).DeleteRecordsAsync(tableId, ids, context.Caller().UserId);
            return TypedResults.NoContent();
        }

        await (await BaseAsync(grains, workspaceId, baseId)).DeleteRecordsAsync(tableId, ids, context.Caller());
        return TypedResults.NoContent();
    }
}
