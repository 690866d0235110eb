using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using PyAirtable.Api.Auth;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.Changes;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>The change journal: every applied write of a tool has a change id, and <c>revert_change</c> undoes it as far as it still can.</summary>
[McpServerToolType]
public sealed class ChangeTools(McpCaller caller)
{
    [McpServerTool(Name = "revert_change", Title = "Revert a change", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Undoes a change a writing tool made, by the changeId it returned: restores old cell values, deletes created records, recreates deleted ones (with new ids), deletes a created comment, restores a table's or field's name and description. Records changed since are left alone and reported, as is whatever cannot be undone (created tables and fields).")]
    public async Task<RevertResult> RevertChangeAsync(
        [Description("The changeId (chg…) a writing tool returned.")] string changeId)
    {
        var id = McpCaller.Required(changeId, "changeId");
        var journal = caller.Grains.GetGrain<IChangeGrain>(id);
        var unknown = $"No change '{id}' is visible to you. Use the changeId a writing tool returned for a base you can use.";
        var entry = await journal.GetAsync() ?? throw new McpException(unknown);
        if (await BaseAccess.FindAsync(caller.User, caller.Grains, entry.BaseId) is null)
        {
            throw new McpException(unknown);
        }

        var opened = await caller.OpenBaseAsync(entry.BaseId, entry.SchemaKind is null ? WorkspaceRole.Editor : WorkspaceRole.Admin);
        if (entry.RevertedBy is not null || !await journal.MarkRevertedAsync(caller.UserId, caller.Time.GetUtcNow()))
        {
            throw new McpException($"Change {id} was already reverted; nothing was changed now.");
        }

        var report = new Report();
        if (entry.SchemaKind is not null)
        {
            await RevertSchemaAsync(opened, entry, report);
        }
        else if (entry.CommentId is { } commentId)
        {
            await opened.Base.DeleteCommentAsync(entry.TableId, entry.CommentRecordId!, commentId, caller.Caller);
            report.Undone.Add($"deleted comment {commentId} on record {entry.CommentRecordId}");
        }
        else
        {
            await RevertRecordsAsync(opened, entry, report);
        }

        string? revertId = null;
        if (report.Changes.Count > 0)
        {
            revertId = await caller.JournalAsync(opened, "revert_change", new ChangeEntry
            {
                TableId = entry.TableId,
                Records = report.Changes.Select(c => new JournaledRecord(c.Action, c.RecordId!, c.Before, c.After)).ToList(),
            });
        }

        return new RevertResult(id, report.Undone, report.NotUndone, report.Changes, revertId);
    }

    private async Task RevertRecordsAsync(BaseAccess.Opened opened, ChangeEntry entry, Report report)
    {
        TableSchema schema;
        try
        {
            schema = await SchemaTools.FindTableAsync(opened.Base, entry.TableId);
        }
        catch (McpException)
        {
            report.NotUndone.Add($"table {entry.TableId} no longer exists; none of its {entry.Records.Count} records were touched");
            return;
        }

        var editable = schema.Fields.Where(f => !FieldTypes.Computed.Contains(f.Type)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var record in entry.Records.Reverse())
        {
            var current = await CurrentAsync(opened.Base, schema.Id, record.RecordId);
            switch (record.Action)
            {
                case RecordChanges.Create when current is null:
                    report.NotUndone.Add($"record {record.RecordId} was created but has been deleted since");
                    break;
                case RecordChanges.Create when !Same(current.Fields, record.After, editable):
                    report.NotUndone.Add($"record {record.RecordId} was created but has changed since; it was not deleted");
                    break;
                case RecordChanges.Create:
                    await opened.Base.DeleteRecordsAsync(schema.Id, [record.RecordId], caller.Caller);
                    report.Changes.Add(new RecordChange(RecordChanges.Delete, record.RecordId, current.Fields, null));
                    report.Undone.Add($"deleted created record {record.RecordId}");
                    break;
                case RecordChanges.Update when current is null:
                    report.NotUndone.Add($"record {record.RecordId} has been deleted since; its old values were not restored");
                    break;
                case RecordChanges.Update when !Same(current.Fields, record.After, editable):
                    report.NotUndone.Add($"record {record.RecordId} has changed since; its old values were not restored");
                    break;
                case RecordChanges.Update:
                    var restored = await opened.Base.WriteRecordsAsync(schema.Id, [new RecordWrite(record.RecordId, Editable(record.Before, editable))], new WriteOptions(Replace: true), caller.Caller);
                    report.Changes.Add(new RecordChange(RecordChanges.Update, record.RecordId, current.Fields, restored[0].Fields));
                    report.Undone.Add($"restored the old values of record {record.RecordId}");
                    break;
                case RecordChanges.Delete:
                    var recreated = await opened.Base.WriteRecordsAsync(schema.Id, [new RecordWrite(null, Editable(record.Before, editable))], new WriteOptions(), caller.Caller);
                    report.Changes.Add(new RecordChange(RecordChanges.Create, recreated[0].Id, null, recreated[0].Fields));
                    report.Undone.Add($"recreated deleted record {record.RecordId} as {recreated[0].Id} (links to it from other records are not restored)");
                    break;
                default:
                    report.NotUndone.Add($"record {record.RecordId}: unknown action {record.Action}");
                    break;
            }
        }
    }

    private async Task RevertSchemaAsync(BaseAccess.Opened opened, ChangeEntry entry, Report report)
    {
        var what = entry.SchemaKind == SchemaTools.Table ? $"table {entry.TableId}" : $"field {entry.FieldId}";
        if (entry.SchemaBefore is not { } before)
        {
            report.NotUndone.Add($"{what} ({entry.SchemaAfter?.Name}) was created; tables and fields cannot be deleted through PyAirtable's API, so delete it by hand if it is not wanted");
            return;
        }

        var schema = await SchemaTools.FindTableAsync(opened.Base, entry.TableId);
        var (name, description) = entry.SchemaKind == SchemaTools.Table
            ? (schema.Name, schema.Description)
            : SchemaTools.FindField(schema, entry.FieldId) is var field ? (field.Name, field.Description) : default;
        if (name != entry.SchemaAfter?.Name || description != entry.SchemaAfter?.Description)
        {
            report.NotUndone.Add($"{what} has been renamed or re-described since; its old name and description were not restored");
            return;
        }

        // A description that did not exist is cleared with an empty one: an absent one means "keep".
        var update = new SchemaUpdate(before.Name, before.Description ?? "");
        if (entry.SchemaKind == SchemaTools.Table)
        {
            await opened.Base.UpdateTableAsync(entry.TableId, update, caller.Caller);
        }
        else
        {
            await opened.Base.UpdateFieldAsync(entry.TableId, entry.FieldId!, update, caller.Caller);
        }

        report.Undone.Add($"restored the name '{before.Name}' and the old description of {what}");
    }

    private static async Task<RecordData?> CurrentAsync(ILocalBaseGrain grain, string tableId, string recordId)
    {
        try
        {
            return await grain.GetRecordAsync(tableId, recordId, new RecordQuery());
        }
        catch (BaseRequestException missing) when (missing.Error == BaseError.RecordNotFound)
        {
            return null;
        }
    }

    /// <summary>Whether the record's editable cells are still those the change left (computed cells may have moved on by themselves).</summary>
    public static bool Same(IReadOnlyDictionary<string, JsonElement> current, IReadOnlyDictionary<string, JsonElement>? expected, IReadOnlySet<string> editable)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(editable);
        expected ??= new Dictionary<string, JsonElement>();
        return editable.All(field => current.TryGetValue(field, out var now) == expected.TryGetValue(field, out var then) && (!current.ContainsKey(field) || JsonElement.DeepEquals(now, then)));
    }

    private static Dictionary<string, JsonElement> Editable(IReadOnlyDictionary<string, JsonElement>? cells, HashSet<string> editable) =>
        (cells ?? new Dictionary<string, JsonElement>()).Where(c => editable.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    private sealed class Report
    {
        public List<string> Undone { get; } = [];

        public List<string> NotUndone { get; } = [];

        public List<RecordChange> Changes { get; } = [];
    }
}
