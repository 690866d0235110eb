using System.Buffers;
using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.LocalBases;

public sealed partial class LocalBaseGrain
{
    public const int MaxPageSize = 100;
    private const int MaxIterators = 256;
    private const int MaxSelections = 32;
    private const int MaxPages = 64;
    private static readonly TimeSpan _iteratorLifetime = TimeSpan.FromMinutes(10);

    public Task<RecordPage> ListRecordsAsync(string table, RecordQuery query)
    {
        var span = PageOf(table, query);
        var page = new List<RecordData>(span.End - span.Start);
        for (var next = span.Start; next < span.End; next++)
        {
            if (_data.Get(span.Ids[next]) is { } record && record.TableId == span.Model.Id)
            {
                page.Add(RecordReader.ToData(record, span.Model, _schema, _data.Get, span.Shape));
            }
        }

        return Task.FromResult(new RecordPage(page, span.NextOffset));
    }

    public Task<RecordPageJson> ListRecordsJsonAsync(string table, RecordQuery query)
    {
        var span = PageOf(table, query);
        if (span.CacheKey is not null && _pages.TryGetValue(span.CacheKey, out var written))
        {
            return Task.FromResult(new RecordPageJson(written, span.NextOffset));
        }

        var buffer = new ArrayBufferWriter<byte>(((span.End - span.Start) * 256) + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var next = span.Start; next < span.End; next++)
            {
                if (_data.Get(span.Ids[next]) is { } record && record.TableId == span.Model.Id)
                {
                    RecordReader.Write(writer, record, span.Model, _schema, _data.Get, span.Shape);
                }
            }

            writer.WriteEndArray();
        }

        var bytes = buffer.WrittenSpan.ToArray();
        if (span.CacheKey is not null)
        {
            if (_pages.Count >= MaxPages)
            {
                _pages.Clear();
            }

            _pages[span.CacheKey] = bytes;
        }

        return Task.FromResult(new RecordPageJson(bytes, span.NextOffset));
    }

    /// <summary>
    /// Which records a list request answers with: positions <c>[Start, End)</c> of
    /// <c>Ids</c>, and the offset of what follows. <c>CacheKey</c> names the page while the
    /// base does not change (null when the query reads the clock, so must be evaluated anew).
    /// </summary>
    private readonly record struct PageSpan(TableModel Model, OutputShape Shape, IReadOnlyList<string> Ids, int Start, int End, string? NextOffset, string? CacheKey);

    private PageSpan PageOf(string table, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireLive();
        var model = _schema.Table(table);
        var pageSize = query.PageSize ?? MaxPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, $"Invalid pageSize {pageSize}: it must be from 1 to {MaxPageSize}.");
        }

        if (query.MaxRecords is < 0)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, "Invalid maxRecords: it must not be negative.");
        }

        ForgetCachesIfChanged();
        var shape = OutputShape.For(model, query);
        var now = time.GetUtcNow();
        var key = $"{model.Id}\n{query.View}\n{query.FilterByFormula}\n{string.Join(",", (query.Sort ?? []).Select(s => s.Field + " " + s.Direction))}\n{query.MaxRecords}";
        IReadOnlyList<string> ids;
        int start;
        ListIterator? iterator;
        bool reusable;
        if (query.Offset is { Length: > 0 } offset)
        {
            var slash = offset.IndexOf('/', StringComparison.Ordinal);
            iterator = slash > 0 && _iterators.TryGetValue(offset[..slash], out var found) && found.ExpiresAt > now && found.QueryKey == key ? found : null;
            var position = iterator is null ? -1 : IndexOf(iterator.RecordIds, offset[(slash + 1)..]);
            if (iterator is null || position < 0)
            {
                throw new BaseRequestException(BaseError.IteratorNotAvailable, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
            }

            ids = iterator.RecordIds;
            start = position;
            reusable = iterator.Reusable;
        }
        else
        {
            (ids, reusable) = SelectIds(model, query, key);
            start = 0;
            iterator = reusable && _latestIterators.TryGetValue(key, out var latest) && ReferenceEquals(latest.RecordIds, ids) && _iterators.ContainsKey(latest.Id) ? latest : null;
        }

        var next = start;
        for (var taken = 0; next < ids.Count && taken < pageSize; next++)
        {
            if (_data.Get(ids[next]) is { } record && record.TableId == model.Id)
            {
                taken++;
            }
        }

        string? nextOffset = null;
        if (next < ids.Count)
        {
            // An iteration stays available for its lifetime after the last page asked of it.
            iterator = iterator is null
                ? new ListIterator(AirtableIds.New("itr"), ids, key, now + _iteratorLifetime, reusable)
                : iterator with { ExpiresAt = now + _iteratorLifetime };
            Remember(iterator, now);
            if (reusable && start == 0)
            {
                _latestIterators[key] = iterator;
            }

            nextOffset = $"{iterator.Id}/{ids[next]}";
        }

        var cacheKey = !reusable ? null
            : start == 0 ? $"{key}\n{ShapeKey(shape)}\n{pageSize}"
            : $"{iterator!.Id}\n{start}\n{ShapeKey(shape)}\n{pageSize}";
        return new PageSpan(model, shape, ids, start, next, nextOffset, cacheKey);
    }

    private static string ShapeKey(OutputShape shape) =>
        $"{shape.ByFieldId}|{(shape.FieldIds is null ? "*" : string.Join(",", shape.FieldIds.Order(StringComparer.Ordinal)))}|{shape.Format}|{shape.Zone.Id}|{shape.Culture.Name}|{shape.CommentCount}";

    /// <summary>Every commit (to records, comments or schema) moves <see cref="_version"/>: what was selected or written before is void.</summary>
    private void ForgetCachesIfChanged()
    {
        if (_selectionsVersion != _version)
        {
            _selections.Clear();
            _pages.Clear();
            _latestIterators.Clear();
            _selectionsVersion = _version;
        }
    }

    /// <summary>
    /// The ids a query selects, in order, and whether they may be reused. A selection is reused
    /// until the next commit unless a filter reads the clock: clients that poll one query, or
    /// page through it, would otherwise evaluate the filter on every record of the table for
    /// every page.
    /// </summary>
    private (IReadOnlyList<string> Ids, bool Reusable) SelectIds(TableModel model, RecordQuery query, string key)
    {
        if (_selections.TryGetValue(key, out var cached))
        {
            return (cached, true);
        }

        var ids = RecordSelection.Select(model, _schema, _data.Records(model.Id), _data.Get, query, Formulas).Select(r => r.Id).ToList();
        var viewFilter = query.View is { Length: > 0 } name ? model.View(name).FilterByFormula : null;
        if (RecordSelection.ReadsClock(query.FilterByFormula) || RecordSelection.ReadsClock(viewFilter))
        {
            return (ids, false);
        }

        if (_selections.Count >= MaxSelections)
        {
            _selections.Clear();
            _latestIterators.Clear();
        }

        _selections[key] = ids;
        return (ids, true);
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    private void Remember(ListIterator iterator, DateTimeOffset now)
    {
        if (_iterators.ContainsKey(iterator.Id))
        {
            _iterators[iterator.Id] = iterator;
            return;
        }

        foreach (var expired in _iterators.Values.Where(i => i.ExpiresAt <= now).Select(i => i.Id).ToList())
        {
            _iterators.Remove(expired);
        }

        if (_iterators.Count >= MaxIterators)
        {
            _iterators.Remove(_iterators.Values.MinBy(i => i.ExpiresAt)!.Id);
        }

        _iterators[iterator.Id] = iterator;
    }

    public Task<RecordData> GetRecordAsync(string table, string recordId, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireLive();
        var model = _schema.Table(table);
        var record = _data.Get(recordId) is { } found && found.TableId == model.Id
            ? found
            : throw new BaseRequestException(BaseError.RecordNotFound, $"Could not find record {recordId} in table {model.Name}");
        return Task.FromResult(RecordReader.ToData(record, model, _schema, _data.Get, OutputShape.For(model, query)));
    }

    public async Task<IReadOnlyList<RecordData>> WriteRecordsAsync(string table, IReadOnlyList<RecordWrite> records, WriteOptions options, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        var (changes, context) = await BeginWriteAsync(model, records, options, caller);
        var seeds = new List<string>();
        var ids = records.Select(write => RecordWrites.Apply(changes, model.Id, write, context, options.Replace, seeds)).ToList();
        seeds.AddRange(context.CreatedLinkedRecords);
        RecordWrites.Settle(changes, seeds, Formulas);
        if (options.DryRun)
        {
            return Preview(changes, model.Id, ids, options);
        }

        await CommitAsync(changes);
        return Output(model.Id, ids, options);
    }

    public async Task<UpsertOutcome> UpsertRecordsAsync(string table, IReadOnlyList<RecordWrite> records, IReadOnlyList<string> fieldsToMergeOn, WriteOptions options, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(fieldsToMergeOn);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        if (fieldsToMergeOn.Count is < 1 or > 3)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, "performUpsert.fieldsToMergeOn must name from 1 to 3 fields.");
        }

        var mergeFields = fieldsToMergeOn.Select(model.Field).ToList();
        if (mergeFields.FirstOrDefault(f => FieldTypes.Computed.Contains(f.Type)) is { } computed)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, $"Field \"{computed.Name}\" is computed and cannot be used in fieldsToMergeOn.");
        }

        var (changes, context) = await BeginWriteAsync(model, records, options, caller);
        var seeds = new List<string>();
        var ids = new List<string>();
        var created = new List<string>();
        var updated = new List<string>();
        foreach (var write in records)
        {
            var target = write.Id;
            if (target is null)
            {
                var wanted = mergeFields.Select(f => MergeValue(model, f, write, context)).ToList();
                var matches = changes.Records(model.Id).Where(r => mergeFields.Select((f, i) => Json.Same(r.Cell(f.Id), wanted[i])).All(same => same)).Take(2).ToList();
                if (matches.Count > 1)
                {
                    throw new BaseRequestException(BaseError.InvalidRequest, $"More than one record matches the fieldsToMergeOn values of a record in the request ({string.Join(", ", mergeFields.Select(f => f.Name))}).");
                }

                target = matches.Count == 1 ? matches[0].Id : null;
            }

            var id = RecordWrites.Apply(changes, model.Id, write with { Id = target }, context, options.Replace, seeds);
            ids.Add(id);
            (target is null ? created : updated).Add(id);
        }

        seeds.AddRange(context.CreatedLinkedRecords);
        RecordWrites.Settle(changes, seeds, Formulas);
        if (!options.DryRun)
        {
            await CommitAsync(changes);
        }

        var written = options.DryRun ? Preview(changes, model.Id, ids, options) : Output(model.Id, ids, options);
        return new UpsertOutcome(written, created.Distinct().ToList(), updated.Distinct().ToList());
    }

    private static JsonElement? MergeValue(TableModel model, FieldSchema field, RecordWrite write, ICellWriteContext context)
    {
        var given = (write.Fields ?? new Dictionary<string, JsonElement>()).FirstOrDefault(p => model.TryGetField(p.Key, out var f) && f.Id == field.Id);
        if (given.Key is null)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, $"Each record of an upsert must include the field \"{field.Name}\" named in fieldsToMergeOn.");
        }

        return CellWriter.Normalize(model, field, given.Value, context);
    }

    public async Task<IReadOnlyList<string>> DeleteRecordsAsync(string table, IReadOnlyList<string> recordIds, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), await ActorAsync(caller));
        var seeds = new List<string>();
        foreach (var id in recordIds.Distinct(StringComparer.Ordinal))
        {
            RecordWrites.Delete(changes, model, id, seeds);
        }

        RecordWrites.Settle(changes, seeds.Where(id => changes.Get(id) is not null), Formulas);
        await CommitAsync(changes);
        return recordIds;
    }

    private async Task<(BaseChangeSet Changes, ChangeSetWriteContext Context)> BeginWriteAsync(TableModel model, IReadOnlyList<RecordWrite> records, WriteOptions options, Caller caller)
    {
        var collaborators = NeedsCollaborators(model, records) ? await CollaboratorsAsync(caller) : [];
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), await ActorAsync(caller));
        return (changes, new ChangeSetWriteContext(changes, options.Typecast, collaborators));
    }

    private static bool NeedsCollaborators(TableModel model, IReadOnlyList<RecordWrite> records) =>
        records.Any(r => (r.Fields ?? new Dictionary<string, JsonElement>()).Keys.Any(k => model.TryGetField(k, out var f) && f.Type is FieldTypes.SingleCollaborator or FieldTypes.MultipleCollaborators));

    /// <summary>The workspace's members: who collaborator fields may name.</summary>
    private async Task<IReadOnlyList<Collaborator>> CollaboratorsAsync(Caller caller)
    {
        var members = await GrainFactory.GetGrain<IWorkspaceGrain>(_schema.State.Info!.WorkspaceId).GetMembersAsync(caller.UserId);
        var people = new List<Collaborator>(members.Count);
        foreach (var member in members)
        {
            var profile = await GrainFactory.GetGrain<IUserGrain>(member.UserId).GetProfileAsync();
            people.Add(new Collaborator(profile.Id, profile.Email, profile.DisplayName ?? profile.Email));
        }

        return people;
    }

    private List<RecordData> Output(string tableId, IEnumerable<string> ids, WriteOptions options)
    {
        var model = _schema.TableById(tableId)!;
        var shape = OutputShape.Default with { ByFieldId = options.ReturnFieldsByFieldId };
        return ids.Select(id => RecordReader.ToData(_data.Get(id)!, model, _schema, _data.Get, shape)).ToList();
    }

    /// <summary>The records as a dry run's change set would leave them; nothing of it is stored.</summary>
    private static List<RecordData> Preview(BaseChangeSet changes, string tableId, IEnumerable<string> ids, WriteOptions options)
    {
        var model = changes.Schema.TableById(tableId)!;
        var shape = OutputShape.Default with { ByFieldId = options.ReturnFieldsByFieldId };
        return ids.Select(id => RecordReader.ToData(changes.Get(id)!, model, changes.Schema, changes.Get, shape)).ToList();
    }
}
