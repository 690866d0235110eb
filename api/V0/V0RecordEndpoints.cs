using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary><c>/v0/{baseId}/{table}</c>: Airtable's records API, with its limits, parameters and error bodies.</summary>
public static class V0RecordEndpoints
{
    public const int MaxRecordsPerRequest = 10;

    public static RouteGroupBuilder MapV0RecordEndpoints(this RouteGroupBuilder v0)
    {
        ArgumentNullException.ThrowIfNull(v0);
        var table = v0.MapGroup("/{baseId}/{table}");
        table.MapGet("/", ListAsync).WithName("V0ListRecords");
        table.MapPost("/listRecords", ListByBodyAsync).WithName("V0ListRecordsByBody");
        table.MapPost("/", CreateAsync).WithName("V0CreateRecords");
        table.MapPatch("/", (string baseId, string table, HttpContext context, IGrainFactory grains) => UpdateManyAsync(baseId, table, context, grains, replace: false)).WithName("V0UpdateRecords");
        table.MapPut("/", (string baseId, string table, HttpContext context, IGrainFactory grains) => UpdateManyAsync(baseId, table, context, grains, replace: true)).WithName("V0ReplaceRecords");
        table.MapDelete("/", DeleteManyAsync).WithName("V0DeleteRecords");
        table.MapGet("/{recordId}", GetAsync).WithName("V0GetRecord");
        table.MapPatch("/{recordId}", (string baseId, string table, string recordId, HttpContext context, IGrainFactory grains) => UpdateOneAsync(baseId, table, recordId, context, grains, replace: false)).WithName("V0UpdateRecord");
        table.MapPut("/{recordId}", (string baseId, string table, string recordId, HttpContext context, IGrainFactory grains) => UpdateOneAsync(baseId, table, recordId, context, grains, replace: true)).WithName("V0ReplaceRecord");
        table.MapDelete("/{recordId}", DeleteOneAsync).WithName("V0DeleteRecord");
        return v0;
    }

    /// <summary>Route values arrive decoded except <c>%2F</c>; table names may hold a slash.</summary>
    public static string TableName(string table) => table.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(table) : table;

    public static async Task<IResult> ListAsync(string baseId, string table, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Viewer);
        return new V0PageResult(await opened.Base.ListRecordsJsonAsync(TableName(table), V0Parameters.ListFromQuery(context.Request.Query)));
    }

    public static async Task<IResult> ListByBodyAsync(string baseId, string table, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Viewer);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        return new V0PageResult(await opened.Base.ListRecordsJsonAsync(TableName(table), V0Parameters.ListFromBody(body, context.Request.Query)));
    }

    public static async Task<IResult> GetAsync(string baseId, string table, string recordId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Viewer);
        var record = await opened.Base.GetRecordAsync(TableName(table), recordId, V0Parameters.ListFromQuery(context.Request.Query));
        return V0Json.Ok(V0Json.Record(record));
    }

    private static WriteOptions Options(JsonElement body, bool replace) => new(
        V0Parameters.Flag(V0Parameters.Text(body, "typecast")),
        V0Parameters.Flag(V0Parameters.Text(body, "returnFieldsByFieldId")),
        replace);

    private static List<JsonElement> Records(JsonElement body)
    {
        if (!body.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw V0Parameters.Invalid("The request body needs a records array.");
        }

        var list = records.EnumerateArray().ToList();
        if (list.Count == 0)
        {
            throw V0Parameters.Invalid("The records array is empty.");
        }

        return list.Count <= MaxRecordsPerRequest ? list : throw V0Parameters.Invalid($"You can write at most {MaxRecordsPerRequest} records per request; this one has {list.Count}.");
    }

    public static async Task<IResult> CreateAsync(string baseId, string table, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        V0Parameters.RequireObject(body);
        var options = Options(body, replace: false);
        if (!body.TryGetProperty("records", out _))
        {
            // The single-record form answers with the record itself.
            var single = await opened.Base.WriteRecordsAsync(TableName(table), [new RecordWrite(null, V0Parameters.Fields(body))], options, opened.Caller);
            return V0Json.Ok(V0Json.Record(single[0]));
        }

        var writes = Records(body).Select(r => new RecordWrite(null, V0Parameters.Fields(r))).ToList();
        var created = await opened.Base.WriteRecordsAsync(TableName(table), writes, options, opened.Caller);
        return V0Json.Ok(new { records = created.Select(V0Json.Record).ToList() });
    }

    public static async Task<IResult> UpdateManyAsync(string baseId, string table, HttpContext context, IGrainFactory grains, bool replace)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        V0Parameters.RequireObject(body);
        var options = Options(body, replace);
        var records = Records(body);
        if (body.TryGetProperty("performUpsert", out var upsert) && upsert.ValueKind == JsonValueKind.Object)
        {
            var mergeOn = V0Parameters.Strings(upsert, "fieldsToMergeOn") ?? throw V0Parameters.Invalid("performUpsert needs fieldsToMergeOn.");
            var writes = records.Select(r => new RecordWrite(Id(r, required: false), V0Parameters.Fields(r))).ToList();
            var outcome = await opened.Base.UpsertRecordsAsync(TableName(table), writes, mergeOn, options, opened.Caller);
            return V0Json.Ok(new
            {
                records = outcome.Records.Select(V0Json.Record).ToList(),
                createdRecords = outcome.CreatedRecords,
                updatedRecords = outcome.UpdatedRecords,
            });
        }

        var updates = records.Select(r => new RecordWrite(Id(r, required: true), V0Parameters.Fields(r))).ToList();
        try
        {
            var updated = await opened.Base.WriteRecordsAsync(TableName(table), updates, options, opened.Caller);
            return V0Json.Ok(new { records = updated.Select(V0Json.Record).ToList() });
        }
        catch (BaseRequestException refused) when (refused.Error == BaseError.RecordNotFound)
        {
            // Airtable answers a batch naming a missing record with 422, not the 404 of the single-record routes.
            throw new V0Exception(new AirtableError(StatusCodes.Status422UnprocessableEntity, "ROW_DOES_NOT_EXIST", refused.Message));
        }
    }

    private static string? Id(JsonElement record, bool required)
    {
        var id = V0Parameters.Text(record, "id");
        return id is null && required ? throw V0Parameters.Invalid("Each record to update needs an id.") : id;
    }

    public static async Task<IResult> UpdateOneAsync(string baseId, string table, string recordId, HttpContext context, IGrainFactory grains, bool replace)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        V0Parameters.RequireObject(body);
        var updated = await opened.Base.WriteRecordsAsync(TableName(table), [new RecordWrite(recordId, V0Parameters.Fields(body))], Options(body, replace), opened.Caller);
        return V0Json.Ok(V0Json.Record(updated[0]));
    }

    public static async Task<IResult> DeleteOneAsync(string baseId, string table, string recordId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        await opened.Base.DeleteRecordsAsync(TableName(table), [recordId], opened.Caller);
        return V0Json.Ok(new { deleted = true, id = recordId });
    }

    public static async Task<IResult> DeleteManyAsync(string baseId, string table, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        var ids = V0Parameters.Many(context.Request.Query, "records");
        if (ids is not { Count: > 0 and <= MaxRecordsPerRequest } || ids.Any(string.IsNullOrWhiteSpace))
        {
            // Airtable's own answer to a missing, empty or too long records[] list.
            throw new V0Exception(new AirtableError(StatusCodes.Status422UnprocessableEntity, "INVALID_RECORDS", $"\"records\" must be an array of up to {MaxRecordsPerRequest} record IDs."));
        }

        var deleted = await opened.Base.DeleteRecordsAsync(TableName(table), ids, opened.Caller);
        return V0Json.Ok(new { records = deleted.Select(id => new { deleted = true, id }).ToList() });
    }
}
