using System.Text.Json;
using PyAirtable.Formulas;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.LocalBases.Events;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// One local base: the schema row and one row per record in the <c>records</c> collection, all
/// held in memory while active. Every change is computed in a <see cref="BaseChangeSet"/>, stored
/// in one atomic batch, then applied and published; a failure anywhere before the store leaves
/// the base as it was. Calls go from bases to users only, never back.
/// </summary>
public sealed partial class LocalBaseGrain(IGrainRowStorage rows, TimeProvider time) : Grain, ILocalBaseGrain
{
    private const string Collection = "records";
    private const string StateKey = "~base";

    private readonly BaseData _data = new();
    private readonly Dictionary<string, ListIterator> _iterators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _selections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListIterator> _latestIterators = new(StringComparer.Ordinal);
    private long _selectionsVersion = -1;
    private SchemaModel _schema = new(new LocalBaseState());
    private long _version;

    private string Id => this.GetPrimaryKeyString();

    private bool Live => _schema.State.Info is not null && !_schema.State.Deleted;

    private FormulaContext Formulas => new(time);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var set = await rows.ReadAllAsync(Collection, GrainId, cancellationToken);
        _version = set.Version;
        var records = new List<LocalRecord>(set.Rows.Count);
        foreach (var row in set.Rows)
        {
            if (row.Key == StateKey)
            {
                _schema = new SchemaModel(StateSerializer.Deserialize<LocalBaseState>(row.Data));
            }
            else
            {
                records.Add(StateSerializer.Deserialize<LocalRecord>(row.Data));
            }
        }

        // Computed cells are not stored: evaluate them once all records are in memory.
        foreach (var record in records)
        {
            _data.Put(record);
        }

        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        Computation.RecomputeAll(changes, Formulas);

        foreach (var (_, record) in changes.Changes)
        {
            _data.Put(record!);
        }
    }

    public Task<BaseInfo?> GetInfoAsync() => Task.FromResult(Live ? _schema.State.Info : null);

    public Task<BaseSchema> GetSchemaAsync()
    {
        RequireLive();
        return Task.FromResult(new BaseSchema(_schema.State.Info!, _schema.State.Tables));
    }

    private void RequireLive()
    {
        if (!Live)
        {
            throw new BaseRequestException(BaseError.BaseNotFound, $"Could not find base {Id}.");
        }
    }

    private async Task<Collaborator> ActorAsync(Caller caller)
    {
        var profile = await GrainFactory.GetGrain<IUserGrain>(caller.UserId).GetProfileAsync();
        return new Collaborator(profile.Id, profile.Email, profile.DisplayName ?? profile.Email);
    }

    /// <summary>
    /// Stores the change set in one batch, then applies it and publishes its events; without
    /// <paramref name="recordEvents"/> only <paramref name="extraEvents"/> are published.
    /// </summary>
    private async Task CommitAsync(BaseChangeSet changes, IReadOnlyList<object>? extraEvents = null, bool recordEvents = true)
    {
        var batch = new List<RowChange>(changes.Changes.Count + 1);
        if (changes.SchemaChanged)
        {
            batch.Add(RowChange.Upsert(StateKey, StateSerializer.Serialize(changes.FinalState())));
        }

        foreach (var (id, record) in changes.Changes)
        {
            if (record is null)
            {
                batch.Add(RowChange.Delete(id));
                continue;
            }

            // Only computed cells changed (a new formula field, a recomputed rollup): the row is as stored.
            var stored = Stored(changes.Schema, record);
            if (changes.Originals[id] is not { } original || !SameRow(stored, Stored(changes.Schema, original)))
            {
                batch.Add(RowChange.Upsert(id, StateSerializer.Serialize(stored)));
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            _version = await rows.WriteAsync(Collection, GrainId, new RowBatch(_version, batch));
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote this base: drop this one so the next call reads fresh rows.
            DeactivateOnIdle();
            throw;
        }

        if (changes.SchemaChanged)
        {
            _schema = changes.Schema.WithState(changes.FinalState());
        }

        foreach (var (id, record) in changes.Changes)
        {
            if (record is null)
            {
                _data.Remove(id);
            }
            else
            {
                _data.Put(record);
            }
        }

        var events = recordEvents ? new List<object>(RecordEvents(changes)) : [];
        events.AddRange(extraEvents ?? []);
        if (events.Count > 0)
        {
            await GetStreamProvider("Default").GetStream<object>(StreamId.Create(BaseStreams.Namespace, Id)).OnNextBatchAsync(events);
        }
    }

    /// <summary>The record as stored: computed cells (except auto numbers) are left out and rebuilt on load.</summary>
    private static LocalRecord Stored(SchemaModel schema, LocalRecord record)
    {
        var table = schema.TableById(record.TableId);
        if (table is null || !table.HasComputedFields)
        {
            return record;
        }

        var stored = record.Cells.Where(c => table.FieldById(c.Key) is { } f && (!FieldTypes.Computed.Contains(f.Type) || f.Type == FieldTypes.AutoNumber))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        return record with { Cells = stored };
    }

    private static bool SameRow(LocalRecord a, LocalRecord b) =>
        a.TableId == b.TableId && a.Seq == b.Seq && a.CreatedTime == b.CreatedTime && a.LastModifiedTime == b.LastModifiedTime
        && Equals(a.CreatedBy, b.CreatedBy) && Equals(a.LastModifiedBy, b.LastModifiedBy)
        && a.Comments.SequenceEqual(b.Comments)
        && a.CellModified.Count == b.CellModified.Count && a.CellModified.All(c => b.CellModified.TryGetValue(c.Key, out var at) && at == c.Value)
        && a.Cells.Count == b.Cells.Count && a.Cells.All(c => b.Cells.TryGetValue(c.Key, out var cell) && JsonElement.DeepEquals(c.Value, cell));

    private IEnumerable<object> RecordEvents(BaseChangeSet changes)
    {
        var actor = changes.Actor?.Id;
        var now = changes.Now;
        foreach (var group in changes.Changes.GroupBy(c => (c.Value ?? changes.Originals[c.Key])!.TableId))
        {
            var created = new List<RecordData>();
            var updated = new List<RecordChange>();
            var deleted = new List<RecordData>();
            foreach (var (id, record) in group)
            {
                var original = changes.Originals[id];
                if (original is null && record is not null)
                {
                    created.Add(RecordReader.ForEvent(record));
                }
                else if (record is null && original is not null)
                {
                    deleted.Add(RecordReader.ForEvent(original));
                }
                else if (record is not null && original is not null)
                {
                    var changed = record.Cells.Keys.Union(original.Cells.Keys)
                        .Where(f => !Json.Same(record.Cell(f), original.Cell(f))).ToList();
                    if (changed.Count > 0)
                    {
                        updated.Add(new RecordChange(id, changed, RecordReader.ForEvent(original), RecordReader.ForEvent(record)));
                    }
                }
            }

            if (created.Count > 0)
            {
                yield return new RecordsCreated(Id, group.Key, created, actor, now);
            }

            if (updated.Count > 0)
            {
                yield return new RecordsUpdated(Id, group.Key, updated, actor, now);
            }

            if (deleted.Count > 0)
            {
                yield return new RecordsDeleted(Id, group.Key, deleted, actor, now);
            }
        }
    }

    private SchemaChanged SchemaEvent(string change, string? tableId, string? fieldId, Caller caller) =>
        new(Id, change, tableId, fieldId, caller.UserId, time.GetUtcNow());

    private static JsonElement? CellOf(LocalRecord? record, string fieldId) => record?.Cell(fieldId);
}
