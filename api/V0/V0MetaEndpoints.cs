using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary><c>/v0/meta</c>: who am I, bases, and the schema of tables and fields.</summary>
public static class V0MetaEndpoints
{
    public static RouteGroupBuilder MapV0MetaEndpoints(this RouteGroupBuilder v0)
    {
        ArgumentNullException.ThrowIfNull(v0);
        var meta = v0.MapGroup("/meta");
        meta.MapGet("/whoami", WhoAmIAsync).WithName("V0WhoAmI");
        meta.MapGet("/bases", ListBasesAsync).WithName("V0ListBases");
        meta.MapPost("/bases", CreateBaseAsync).WithName("V0CreateBase");
        meta.MapGet("/bases/{baseId}/tables", TablesAsync).WithName("V0ListTables");
        meta.MapPost("/bases/{baseId}/tables", CreateTableAsync).WithName("V0CreateTable");
        meta.MapPatch("/bases/{baseId}/tables/{tableId}", UpdateTableAsync).WithName("V0UpdateTable");
        meta.MapPost("/bases/{baseId}/tables/{tableId}/fields", CreateFieldAsync).WithName("V0CreateField");
        meta.MapPatch("/bases/{baseId}/tables/{tableId}/fields/{fieldId}", UpdateFieldAsync).WithName("V0UpdateField");
        return v0;
    }

    /// <summary>Airtable's scope names for what the caller may do.</summary>
    private static List<string> AirtableScopes(IReadOnlyList<ApiKeyScope> scopes, bool user)
    {
        var top = user ? ApiKeyScope.Admin : scopes.DefaultIfEmpty(ApiKeyScope.Read).Max();
        List<string> names = ["data.records:read", "data.recordComments:read", "schema.bases:read"];
        if (top >= ApiKeyScope.Write)
        {
            names.AddRange(["data.records:write", "data.recordComments:write"]);
        }

        if (top >= ApiKeyScope.Admin)
        {
            names.Add("schema.bases:write");
        }

        return names;
    }

    public static async Task<IResult> WhoAmIAsync(HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grains);
        var profile = await grains.GetGrain<IUserGrain>(context.UserId()).GetProfileAsync();
        var user = !V0Access.IsApiKey(context);
        return V0Json.Ok(new { id = profile.Id, email = profile.Email, scopes = AirtableScopes(V0Access.Scopes(context), user) });
    }

    private static string PermissionLevel(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Viewer => "read",
        WorkspaceRole.Editor => "edit",
        _ => "create",
    };

    public static async Task<IResult> ListBasesAsync(HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grains);
        var userId = context.UserId();
        var workspaces = await BaseAccess.WorkspaceIdsAsync(context.User, grains);
        var bases = new List<object>();
        foreach (var workspaceId in workspaces)
        {
            if (await V0Access.RoleAsync(context, grains, workspaceId) is not { } role)
            {
                continue;
            }

            foreach (var baseId in await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetBaseIdsAsync(userId))
            {
                if (await grains.GetGrain<ILocalBaseGrain>(baseId).GetInfoAsync() is { } info)
                {
                    bases.Add(new { id = info.Id, name = info.Name, permissionLevel = PermissionLevel(role) });
                }
            }

            foreach (var baseId in (await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetConnectedBasesAsync(userId)).Keys)
            {
                if (await grains.GetGrain<IBaseGrain>(workspaceId + "/" + baseId).GetInfoAsync() is { } connected)
                {
                    bases.Add(new { id = connected.Id, name = connected.Name, permissionLevel = PermissionLevel(role) });
                }
            }
        }

        return V0Json.Ok(new { bases });
    }

    public static async Task<IResult> CreateBaseAsync(HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grains);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        V0Parameters.RequireObject(body);
        var workspaceId = V0Parameters.Text(body, "workspaceId") ?? V0Access.KeyWorkspace(context)
            ?? throw V0Parameters.Invalid("workspaceId is required.");
        var role = await V0Access.RoleAsync(context, grains, workspaceId) ?? throw new V0Exception(AirtableError.ModelNotFound);
        if (role < WorkspaceRole.Admin)
        {
            throw new V0Exception(AirtableError.ModelNotFound);
        }

        var tables = body.TryGetProperty("tables", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(Table).ToList()
            : throw V0Parameters.Invalid("tables is required: at least one table with fields.");
        var baseId = AirtableIds.New(AirtableIds.Base);
        var caller = context.Caller();
        var schema = await grains.GetGrain<ILocalBaseGrain>(baseId).CreateAsync(new CreateBaseRequest(V0Parameters.Text(body, "name") ?? "", workspaceId, tables), caller);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).AddBaseAsync(baseId, caller);
        return V0Json.Ok(new { id = schema.Info.Id, tables = schema.Tables.Select(V0Json.Table).ToList() });
    }

    private static TableDefinition Table(JsonElement table)
    {
        V0Parameters.RequireObject(table);
        var fields = table.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(Field).ToList()
            : throw V0Parameters.Invalid("Each table needs a fields array; the first field is the primary field.");
        return new TableDefinition(V0Parameters.Text(table, "name") ?? "", V0Parameters.Text(table, "description"), fields);
    }

    private static FieldDefinition Field(JsonElement field)
    {
        V0Parameters.RequireObject(field);
        FieldOptions? options = null;
        if (field.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            options = o.Deserialize<FieldOptions>(V0Json.Options);
        }

        return new FieldDefinition(V0Parameters.Text(field, "name") ?? "", V0Parameters.Text(field, "type") ?? "", V0Parameters.Text(field, "description"), options);
    }

    public static async Task<IResult> TablesAsync(string baseId, HttpContext context, IGrainFactory grains)
    {
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Viewer);
        var schema = await opened.Base.GetSchemaAsync();
        return V0Json.Ok(new { tables = schema.Tables.Select(V0Json.Table).ToList() });
    }

    public static async Task<IResult> CreateTableAsync(string baseId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Admin);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        var table = await opened.Base.CreateTableAsync(Table(body), opened.Caller);
        return V0Json.Ok(V0Json.Table(table));
    }

    private static SchemaUpdate Update(JsonElement body)
    {
        V0Parameters.RequireObject(body);
        var update = new SchemaUpdate(V0Parameters.Text(body, "name"), V0Parameters.Text(body, "description"));
        return update.Name is null && update.Description is null ? throw V0Parameters.Invalid("Give a new name or description.") : update;
    }

    public static async Task<IResult> UpdateTableAsync(string baseId, string tableId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Admin);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        var table = await opened.Base.UpdateTableAsync(V0RecordEndpoints.TableName(tableId), Update(body), opened.Caller);
        return V0Json.Ok(V0Json.Table(table));
    }

    public static async Task<IResult> CreateFieldAsync(string baseId, string tableId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Admin);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        var field = await opened.Base.CreateFieldAsync(V0RecordEndpoints.TableName(tableId), Field(body), opened.Caller);
        return V0Json.Ok(V0Json.Field(field));
    }

    public static async Task<IResult> UpdateFieldAsync(string baseId, string tableId, string fieldId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Admin);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        var field = await opened.Base.UpdateFieldAsync(V0RecordEndpoints.TableName(tableId), fieldId, Update(body), opened.Caller);
        return V0Json.Ok(V0Json.Field(field));
    }
}
