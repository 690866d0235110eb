using System.ComponentModel;
using System.Globalization;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using PyAirtable.Api.Auth;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.Changes;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>Record tools: read with Airtable's list parameters or a search term, write any number of records in batches of 10.</summary>
[McpServerToolType]
public sealed class RecordTools(McpCaller caller)
{
    /// <summary>Airtable's limit per write request; writes of more records are applied batch by batch, in order.</summary>
    public const int BatchSize = 10;

    public const int DefaultSearchLimit = 100;

    /// <summary>Field types whose text a search looks in.</summary>
    private static readonly HashSet<string> s_searchable = new(StringComparer.Ordinal)
    {
        FieldTypes.SingleLineText, FieldTypes.MultilineText, FieldTypes.RichText, FieldTypes.Email, FieldTypes.Url,
        FieldTypes.PhoneNumber, FieldTypes.SingleSelect, FieldTypes.MultipleSelects, FieldTypes.Barcode, FieldTypes.Formula,
    };

    [McpServerTool(Name = "list_records", Title = "List records", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists records of a table with Airtable's list parameters. Returns up to pageSize records and an offset; pass the offset back for the next page.")]
    public async Task<RecordList> ListRecordsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("Only the records of this view (name or id), in its order.")] string? view = null,
        [Description("An Airtable formula; only records for which it is truthy, e.g. AND({Status} != 'Done', {Due} < TODAY()).")] string? filterByFormula = null,
        [Description("Sort keys, first one first: [{\"field\":\"Due\",\"direction\":\"desc\"}].")] IReadOnlyList<SortInput>? sort = null,
        [Description("Only these fields (names or ids); omit for every field.")] IReadOnlyList<string>? fields = null,
        [Description("At most this many records over all pages.")] int? maxRecords = null,
        [Description("Records per page, 1 to 100 (default 100).")] int? pageSize = null,
        [Description("The offset returned by the previous page.")] string? offset = null)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        var page = await opened.Base.ListRecordsAsync(McpCaller.Required(table, "table"), new RecordQuery
        {
            View = view,
            FilterByFormula = filterByFormula,
            Sort = sort?.Select(s => new ViewSort(McpCaller.Required(s?.Field, "Each sort key's field"), s!.Direction ?? "asc")).ToList(),
            Fields = fields,
            MaxRecords = maxRecords,
            PageSize = pageSize,
            Offset = offset,
        });
        return new RecordList(page.Records.Select(McpJson.Record).ToList(), page.Offset);
    }

    [McpServerTool(Name = "search_records", Title = "Search records", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Finds records whose text contains a term (case-insensitive), in the given fields or in every text-like field (text, long text, e-mail, URL, phone, selects, formulas).")]
    public async Task<RecordList> SearchRecordsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The text to look for.")] string searchTerm,
        [Description("Fields to search (names or ids); omit for every text-like field.")] IReadOnlyList<string>? fields = null,
        [Description("Only the records of this view (name or id).")] string? view = null,
        [Description("At most this many records (default 100).")] int? maxRecords = null)
    {
        var term = McpCaller.Required(searchTerm, "searchTerm");
        var limit = maxRecords ?? DefaultSearchLimit;
        if (limit < 1)
        {
            throw new McpException("maxRecords must be at least 1.");
        }

        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        var schema = await SchemaTools.FindTableAsync(opened.Base, table);
        var searched = fields is { Count: > 0 }
            ? fields.Select(f => schema.Fields.FirstOrDefault(x => x.Id == f) ?? schema.Fields.FirstOrDefault(x => x.Name == f)
                ?? throw new McpException($"Table {schema.Name} has no field '{f}'. Its fields: {string.Join(", ", schema.Fields.Select(x => x.Name))}.")).ToList()
            : schema.Fields.Where(f => s_searchable.Contains(f.Type)).ToList();
        if (searched.Count == 0)
        {
            throw new McpException($"Table {schema.Name} has no text fields to search; name the fields to search in fields.");
        }

        var records = new List<RecordItem>();
        string? offset = null;
        do
        {
            var page = await opened.Base.ListRecordsAsync(schema.Id, new RecordQuery
            {
                View = view,
                FilterByFormula = SearchFormula(term, searched.Select(f => f.Name)),
                MaxRecords = limit,
                Offset = offset,
            });
            records.AddRange(page.Records.Select(McpJson.Record));
            offset = page.Offset;
        }
        while (offset is not null && records.Count < limit);

        return new RecordList(records.Take(limit).ToList());
    }

    /// <summary>OR over the fields of "the lower-cased term occurs in the lower-cased cell text".</summary>
    public static string SearchFormula(string term, IEnumerable<string> fieldNames)
    {
        ArgumentNullException.ThrowIfNull(term);
        var literal = new StringBuilder("\"");
        foreach (var c in term.ToLowerInvariant())
        {
            literal.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }

        literal.Append('"');
        var tests = fieldNames.Select(name => string.Create(CultureInfo.InvariantCulture, $"FIND({literal}, LOWER({{{name}}} & \"\")) > 0")).ToList();
        return tests.Count == 1 ? tests[0] : "OR(" + string.Join(", ", tests) + ")";
    }

    [McpServerTool(Name = "get_record", Title = "Get a record", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Gets one record by id with all its non-empty cells.")]
    public async Task<RecordItem> GetRecordAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The record id (rec…).")] string recordId)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        var record = await opened.Base.GetRecordAsync(McpCaller.Required(table, "table"), McpCaller.Required(recordId, "recordId"), new RecordQuery());
        return McpJson.Record(record);
    }

    [McpServerTool(Name = "create_records", Title = "Create records", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Creates records, any number, applied in batches of 10 in order (each batch all or nothing). Returns the records as written, computed fields included, and the change to each; with dryRun nothing is stored.")]
    public async Task<RecordWriteResult> CreateRecordsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The records to create: [{\"fields\":{\"Name\":\"…\"}}].")] IReadOnlyList<NewRecord> records,
        [Description("Convert strings to the fields' types (e.g. a new select option, a date string) as Airtable's typecast does.")] bool typecast = false,
        [Description("Validate and compute the write and return the exact change without storing anything.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Editor);
        var name = McpCaller.Required(table, "table");
        var writes = NonEmpty(records, "records").Select(r => new RecordWrite(null, r?.Fields ?? throw new McpException("Each record needs fields."))).ToList();
        var written = await BatchesAsync(writes, "created", batch => opened.Base.WriteRecordsAsync(name, batch, new WriteOptions(typecast, DryRun: dryRun), caller.Caller), r => r.Id);
        var changes = written.Select(r => new RecordChange(RecordChanges.Create, dryRun ? null : r.Id, null, r.Fields)).ToList();
        return new RecordWriteResult(written.Select(McpJson.Record).ToList(), changes, dryRun, await JournalAsync(opened, "create_records", name, changes, dryRun));
    }

    [McpServerTool(Name = "update_records", Title = "Update records", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Changes cells of existing records, any number, in batches of 10 in order. Cells not named keep their values unless replace is true, which clears every editable cell not given. Returns each record before and after; with dryRun nothing is stored.")]
    public async Task<RecordWriteResult> UpdateRecordsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The changes: [{\"id\":\"rec…\",\"fields\":{\"Status\":\"Done\"}}].")] IReadOnlyList<RecordUpdate> records,
        [Description("Convert strings to the fields' types as Airtable's typecast does.")] bool typecast = false,
        [Description("Clear every editable field a record's fields leave out (Airtable's PUT).")] bool replace = false,
        [Description("Validate and compute the write and return the exact change without storing anything.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Editor);
        var name = McpCaller.Required(table, "table");
        var writes = NonEmpty(records, "records")
            .Select(r => new RecordWrite(McpCaller.Required(r?.Id, "Each record's id"), r!.Fields ?? throw new McpException($"Record {r.Id} needs fields."))).ToList();
        var changes = new List<RecordChange>();
        var written = await BatchesAsync(writes, "updated", async batch =>
        {
            var before = await RecordChanges.ReadAsync(opened.Base, name, batch.Select(w => w.Id!));
            var after = await opened.Base.WriteRecordsAsync(name, batch, new WriteOptions(typecast, Replace: replace, DryRun: dryRun), caller.Caller);
            changes.AddRange(after.Select(r => new RecordChange(RecordChanges.Update, r.Id, before[r.Id].Fields, r.Fields)));
            return after;
        }, r => r.Id);
        return new RecordWriteResult(written.Select(McpJson.Record).ToList(), changes, dryRun, await JournalAsync(opened, "update_records", name, changes, dryRun));
    }

    [McpServerTool(Name = "upsert_records", Title = "Upsert records", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Updates the records whose merge fields match the given values and creates the others (Airtable's performUpsert), in batches of 10 in order. Returns each record before and after; with dryRun nothing is stored.")]
    public async Task<UpsertResult> UpsertRecordsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The records: [{\"fields\":{\"Email\":\"a@b.c\",\"Name\":\"…\"}}]; each must give every merge field.")] IReadOnlyList<NewRecord> records,
        [Description("1 to 3 field names or ids whose values identify a record, e.g. [\"Email\"].")] IReadOnlyList<string> fieldsToMergeOn,
        [Description("Convert strings to the fields' types as Airtable's typecast does.")] bool typecast = false,
        [Description("Validate and compute the write and return the exact change without storing anything.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Editor);
        var name = McpCaller.Required(table, "table");
        var mergeOn = NonEmpty(fieldsToMergeOn, "fieldsToMergeOn");
        var writes = NonEmpty(records, "records").Select(r => new RecordWrite(null, r?.Fields ?? throw new McpException("Each record needs fields."))).ToList();
        var created = new List<string>();
        var updated = new List<string>();
        var changes = new List<RecordChange>();
        var written = await BatchesAsync(writes, "upserted", async batch =>
        {
            // Which records the batch updates is known only from the grain: a dry run of it names them, so their cells can be read first.
            var preview = await opened.Base.UpsertRecordsAsync(name, batch, mergeOn, new WriteOptions(typecast, DryRun: true), caller.Caller);
            var before = await RecordChanges.ReadAsync(opened.Base, name, preview.UpdatedRecords);
            var outcome = dryRun ? preview : await opened.Base.UpsertRecordsAsync(name, batch, mergeOn, new WriteOptions(typecast), caller.Caller);
            created.AddRange(outcome.CreatedRecords);
            updated.AddRange(outcome.UpdatedRecords);
            changes.AddRange(outcome.Records.DistinctBy(r => r.Id).Select(r => before.TryGetValue(r.Id, out var was)
                ? new RecordChange(RecordChanges.Update, r.Id, was.Fields, r.Fields)
                : new RecordChange(RecordChanges.Create, dryRun ? null : r.Id, null, r.Fields)));
            return outcome.Records;
        }, r => r.Id);
        return new UpsertResult(written.Select(McpJson.Record).ToList(), dryRun ? [] : created.Distinct().ToList(), updated.Distinct().ToList(), changes, dryRun,
            await JournalAsync(opened, "upsert_records", name, changes, dryRun));
    }

    [McpServerTool(Name = "delete_records", Title = "Delete records", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Deletes records by id, any number, in batches of 10 in order (each batch all or nothing; a missing id fails its batch). Returns each record as it was; with dryRun nothing is deleted.")]
    public async Task<DeleteResult> DeleteRecordsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The ids (rec…) of the records to delete.")] IReadOnlyList<string> recordIds,
        [Description("Check the records exist and return what would be deleted without deleting anything.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Editor);
        var name = McpCaller.Required(table, "table");
        var ids = NonEmpty(recordIds, "recordIds").Select(id => McpCaller.Required(id, "Each record id")).ToList();
        var changes = new List<RecordChange>();
        var deleted = await BatchesAsync(ids, "deleted", async batch =>
        {
            var before = await RecordChanges.ReadAsync(opened.Base, name, batch);
            var gone = dryRun ? batch : await opened.Base.DeleteRecordsAsync(name, batch, caller.Caller);
            changes.AddRange(gone.Distinct(StringComparer.Ordinal).Select(id => new RecordChange(RecordChanges.Delete, id, before[id].Fields, null)));
            return gone;
        }, id => id);
        return new DeleteResult(deleted, changes, dryRun, await JournalAsync(opened, "delete_records", name, changes, dryRun));
    }

    /// <summary>Journals an applied record write and returns its change id; a dry run has none.</summary>
    private async Task<string?> JournalAsync(BaseAccess.Opened opened, string tool, string table, List<RecordChange> changes, bool dryRun)
    {
        if (dryRun || changes.Count == 0)
        {
            return null;
        }

        var schema = await SchemaTools.FindTableAsync(opened.Base, table);
        return await caller.JournalAsync(opened, tool, new ChangeEntry
        {
            TableId = schema.Id,
            Records = changes.Select(c => new JournaledRecord(c.Action, c.RecordId!, c.Before, c.After)).ToList(),
        });
    }

    private static IReadOnlyList<T> NonEmpty<T>(IReadOnlyList<T>? items, string name) =>
        items is { Count: > 0 } ? items : throw new McpException($"{name} is required and must not be empty.");

    /// <summary>
    /// Applies a write in batches of <see cref="BatchSize"/>, in order. A refused batch stops the
    /// write; the message then says which records the earlier batches already changed.
    /// </summary>
    public static async Task<List<TResult>> BatchesAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, string verb, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, Func<TResult, string> idOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(idOf);
        var done = new List<TResult>(items.Count);
        var batches = items.Chunk(BatchSize).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            try
            {
                done.AddRange(await write(batches[i]));
            }
            catch (BaseRequestException refused) when (i > 0)
            {
                throw new McpException(
                    $"Batch {i + 1} of {batches.Count} (records {(i * BatchSize) + 1}–{(i * BatchSize) + batches[i].Length}) was refused and nothing of it applied: {refused.Message} " +
                    $"The {done.Count} records of the earlier batches were {verb}: {string.Join(", ", done.Select(idOf))}.", refused);
            }
        }

        return done;
    }
}
