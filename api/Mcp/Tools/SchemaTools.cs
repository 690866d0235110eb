using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Changes;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>Schema tools: tables, fields and views of a base, and (with the admin scope) changes to them.</summary>
[McpServerToolType]
public sealed class SchemaTools(McpCaller caller)
{
    public const string TableIdentifiersOnly = "tableIdentifiersOnly";
    public const string IdentifiersOnly = "identifiersOnly";
    public const string Full = "full";

    /// <summary>The schema kinds of a journaled change.</summary>
    public const string Table = "table";
    public const string Field = "field";

    [McpServerTool(Name = "list_tables", Title = "List tables", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the tables of a base. detailLevel: tableIdentifiersOnly (ids and names), identifiersOnly (also field and view ids and names), full (default: field types, options, descriptions).")]
    public async Task<TableList> ListTablesAsync(
        [Description("The base id (app…), from list_bases.")] string baseId,
        [Description("tableIdentifiersOnly, identifiersOnly or full (default).")] string? detailLevel = null)
    {
        var level = detailLevel?.Trim() ?? Full;
        if (level is not (TableIdentifiersOnly or IdentifiersOnly or Full))
        {
            throw new McpException($"detailLevel must be {TableIdentifiersOnly}, {IdentifiersOnly} or {Full}; it was '{detailLevel}'.");
        }

        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        var schema = await opened.Base.GetSchemaAsync();
        return new TableList(opened.Info.Id, schema.Tables.Select(t => level switch
        {
            TableIdentifiersOnly => new TableItem(t.Id, t.Name),
            IdentifiersOnly => new TableItem(t.Id, t.Name, Fields: t.Fields.Select(f => new FieldItem(f.Id, f.Name)).ToList(),
                Views: t.Views.Select(v => new ViewItem(v.Id, v.Name, v.Type)).ToList()),
            _ => McpJson.Table(t),
        }).ToList());
    }

    [McpServerTool(Name = "describe_table", Title = "Describe a table", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Describes one table in full: its primary field, every field with type and options, and its views.")]
    public async Task<TableItem> DescribeTableAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        return McpJson.Table(await FindTableAsync(opened.Base, table));
    }

    [McpServerTool(Name = "get_field_info", Title = "Get field info", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Describes one field: type, options (choices, precision, linked table, formula…), whether it is the primary field and whether its values are computed.")]
    public async Task<FieldDetail> GetFieldInfoAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("Field name or id (fld…).")] string field)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        var schema = await FindTableAsync(opened.Base, table);
        var name = McpCaller.Required(field, "field");
        var found = schema.Fields.FirstOrDefault(f => f.Id == name) ?? schema.Fields.FirstOrDefault(f => f.Name == name)
            ?? throw new McpException($"Table {schema.Name} has no field '{name}'. Its fields: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
        return new FieldDetail(schema.Id, found.Id, found.Name, found.Type, found.Description, found.Options, found.Id == schema.PrimaryFieldId, FieldTypes.Computed.Contains(found.Type));
    }

    [McpServerTool(Name = "create_table", Title = "Create a table", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Creates a table with its fields; the first field becomes the primary field. Needs the admin scope.")]
    [McpScope(ApiKeyScope.Admin)]
    public async Task<TableWriteResult> CreateTableAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Name of the new table, unique in the base.")] string name,
        [Description("The fields, at least one; the first is the primary field (a text-like type).")] IReadOnlyList<FieldInput> fields,
        [Description("Optional description of the table.")] string? description = null,
        [Description("Validate the change and return the table or field as it would be, without changing the schema.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Admin);
        if (fields is not { Count: > 0 })
        {
            throw new McpException("fields is required: at least one field, the first of which is the primary field.");
        }

        var definition = new TableDefinition(McpCaller.Required(name, "name"), description, fields.Select(Definition).ToList());
        if (dryRun)
        {
            var schema = await opened.Base.GetSchemaAsync();
            SchemaPreview.RequireFreeName(schema.Tables.Select(t => t.Name), definition.Name, "table", "the base");
            SchemaPreview.RequireDistinct(definition.Fields.Select(f => f.Name));
            foreach (var field in definition.Fields)
            {
                SchemaPreview.RequireSupported(field.Type, field.Name);
            }

            return new TableWriteResult(new TableItem("", definition.Name, description, null, definition.Fields.Select(SchemaPreview.Field).ToList()), null, true);
        }

        var table = await opened.Base.CreateTableAsync(definition, caller.Caller);
        var changeId = await caller.JournalAsync(opened, "create_table", new ChangeEntry { TableId = table.Id, SchemaKind = Table, SchemaAfter = new SchemaText(table.Name, table.Description) });
        return new TableWriteResult(McpJson.Table(table), null, false, changeId);
    }

    [McpServerTool(Name = "update_table", Title = "Update a table", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Renames a table and/or replaces its description. Needs the admin scope.")]
    [McpScope(ApiKeyScope.Admin)]
    public async Task<TableWriteResult> UpdateTableAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("New name; omit to keep it.")] string? name = null,
        [Description("New description; omit to keep it.")] string? description = null,
        [Description("Validate the change and return the table or field as it would be, without changing the schema.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Admin);
        var update = Update(name, description);
        var before = await FindTableAsync(opened.Base, table);
        if (dryRun)
        {
            if (update.Name is { } newName && newName != before.Name)
            {
                var schema = await opened.Base.GetSchemaAsync();
                SchemaPreview.RequireFreeName(schema.Tables.Where(t => t.Id != before.Id).Select(t => t.Name), newName, "table", "the base");
            }

            var after = before with { Name = update.Name ?? before.Name, Description = update.Description ?? before.Description };
            return new TableWriteResult(McpJson.Table(after), McpJson.Table(before), true);
        }

        var updated = await opened.Base.UpdateTableAsync(before.Id, update, caller.Caller);
        var changeId = await caller.JournalAsync(opened, "update_table", new ChangeEntry
        {
            TableId = updated.Id, SchemaKind = Table, SchemaBefore = new SchemaText(before.Name, before.Description), SchemaAfter = new SchemaText(updated.Name, updated.Description),
        });
        return new TableWriteResult(McpJson.Table(updated), McpJson.Table(before), false, changeId);
    }

    [McpServerTool(Name = "create_field", Title = "Create a field", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Adds a field to a table; computed fields (formula, lookup, rollup, count) are computed for every record before this returns. Needs the admin scope.")]
    [McpScope(ApiKeyScope.Admin)]
    public async Task<FieldWriteResult> CreateFieldAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("Name of the new field, unique in the table.")] string name,
        [Description("Airtable field type, e.g. singleLineText, number, checkbox, singleSelect, date, multipleRecordLinks, formula.")] string type,
        [Description("Optional description.")] string? description = null,
        [Description("Type options as Airtable's Web API takes them, e.g. {\"precision\":0}, {\"choices\":[{\"name\":\"Open\"}]}, {\"linkedTableId\":\"tbl…\"}, {\"formula\":\"{A}*2\"}.")] JsonElement? options = null,
        [Description("Validate the change and return the table or field as it would be, without changing the schema.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Admin);
        var schema = await FindTableAsync(opened.Base, table);
        var definition = Definition(new FieldInput(name, type, description, options));
        if (dryRun)
        {
            SchemaPreview.RequireFreeName(schema.Fields.Select(f => f.Name), definition.Name, "field", "table " + schema.Name);
            SchemaPreview.RequireSupported(definition.Type, definition.Name);
            return new FieldWriteResult(schema.Id, SchemaPreview.Field(definition), null, true);
        }

        var field = await opened.Base.CreateFieldAsync(schema.Id, definition, caller.Caller);
        var changeId = await caller.JournalAsync(opened, "create_field", new ChangeEntry { TableId = schema.Id, SchemaKind = Field, FieldId = field.Id, SchemaAfter = new SchemaText(field.Name, field.Description) });
        return new FieldWriteResult(schema.Id, McpJson.Field(field), null, false, changeId);
    }

    [McpServerTool(Name = "update_field", Title = "Update a field", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Renames a field and/or replaces its description. Needs the admin scope.")]
    [McpScope(ApiKeyScope.Admin)]
    public async Task<FieldWriteResult> UpdateFieldAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("Field name or id (fld…).")] string field,
        [Description("New name; omit to keep it.")] string? name = null,
        [Description("New description; omit to keep it.")] string? description = null,
        [Description("Validate the change and return the table or field as it would be, without changing the schema.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Admin);
        var update = Update(name, description);
        var schema = await FindTableAsync(opened.Base, table);
        var before = FindField(schema, field);
        if (dryRun)
        {
            if (update.Name is { } newName && newName != before.Name)
            {
                SchemaPreview.RequireFreeName(schema.Fields.Where(f => f.Id != before.Id).Select(f => f.Name), newName, "field", "table " + schema.Name);
            }

            var after = before with { Name = update.Name ?? before.Name, Description = update.Description ?? before.Description };
            return new FieldWriteResult(schema.Id, McpJson.Field(after), McpJson.Field(before), true);
        }

        var updated = await opened.Base.UpdateFieldAsync(schema.Id, before.Id, update, caller.Caller);
        var changeId = await caller.JournalAsync(opened, "update_field", new ChangeEntry
        {
            TableId = schema.Id, SchemaKind = Field, FieldId = updated.Id,
            SchemaBefore = new SchemaText(before.Name, before.Description), SchemaAfter = new SchemaText(updated.Name, updated.Description),
        });
        return new FieldWriteResult(schema.Id, McpJson.Field(updated), McpJson.Field(before), false, changeId);
    }

    public static FieldSchema FindField(TableSchema schema, string? field)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var name = McpCaller.Required(field, "field");
        return schema.Fields.FirstOrDefault(f => f.Id == name) ?? schema.Fields.FirstOrDefault(f => f.Name == name)
            ?? throw new McpException($"Table {schema.Name} has no field '{name}'. Its fields: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
    }

    public static async Task<TableSchema> FindTableAsync(ILocalBaseGrain grain, string? table)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var name = McpCaller.Required(table, "table");
        var schema = await grain.GetSchemaAsync();
        return schema.Tables.FirstOrDefault(t => t.Id == name) ?? schema.Tables.FirstOrDefault(t => t.Name == name)
            ?? throw new McpException($"The base has no table '{name}'. Its tables: {string.Join(", ", schema.Tables.Select(t => t.Name))}.");
    }

    private static SchemaUpdate Update(string? name, string? description) =>
        name is null && description is null ? throw new McpException("Give a new name or description (or both).") : new SchemaUpdate(name, description);

    private static FieldDefinition Definition(FieldInput field)
    {
        if (field is null)
        {
            throw new McpException("Each field needs a name and a type.");
        }

        FieldOptions? options = null;
        if (field.Options is { ValueKind: JsonValueKind.Object } given)
        {
            options = given.Deserialize<FieldOptions>(McpJson.Options);
        }
        else if (field.Options is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            throw new McpException($"options of field '{field.Name}' must be an object.");
        }

        return new FieldDefinition(McpCaller.Required(field.Name, "Each field's name"), McpCaller.Required(field.Type, $"The type of field '{field.Name}'"), field.Description, options);
    }
}
