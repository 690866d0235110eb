using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// The changes one request makes, computed beside the committed data without touching it: the
/// request reads through this overlay, the grain stores what it holds, and only then applies it.
/// A request that fails leaves the committed data exactly as it was.
/// </summary>
public sealed class BaseChangeSet(BaseData data, SchemaModel schema, DateTimeOffset now, Collaborator? actor)
{
    private readonly Dictionary<string, LocalRecord?> _changes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalRecord?> _originals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _autoNumbers = new(schema.State.NextAutoNumber, StringComparer.Ordinal);
    private long _nextSeq = schema.State.NextSeq;

    public SchemaModel Schema { get; private set; } = schema;

    public bool SchemaChanged { get; private set; }

    public DateTimeOffset Now => now;

    public Collaborator? Actor => actor;

    /// <summary>Records changed so far: id → new version (null when deleted).</summary>
    public IReadOnlyDictionary<string, LocalRecord?> Changes => _changes;

    /// <summary>The committed version of each changed record (null when created here).</summary>
    public IReadOnlyDictionary<string, LocalRecord?> Originals => _originals;

    public LocalRecord? Get(string id) => _changes.TryGetValue(id, out var changed) ? changed : data.Get(id);

    /// <summary>A table's records as this change set sees them, in creation order.</summary>
    public IEnumerable<LocalRecord> Records(string tableId)
    {
        foreach (var record in data.Records(tableId))
        {
            if (!_changes.TryGetValue(record.Id, out var changed))
            {
                yield return record;
            }
            else if (changed is not null && changed.TableId == tableId)
            {
                yield return changed;
            }
        }

        foreach (var (id, changed) in _changes)
        {
            if (changed is not null && changed.TableId == tableId && data.Get(id) is null)
            {
                yield return changed;
            }
        }
    }

    public void Put(LocalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Remember(record.Id);
        _changes[record.Id] = record;
    }

    public void Remove(string id)
    {
        Remember(id);
        _changes[id] = null;
    }

    /// <summary>Replaces the tables (a new select choice, a new field); counters taken so far are kept.</summary>
    public void ReplaceSchema(LocalBaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Schema = new SchemaModel(state with { NextSeq = _nextSeq, NextAutoNumber = _autoNumbers });
        SchemaChanged = true;
    }

    /// <summary>The state to store: the schema with the counters this change set advanced.</summary>
    public LocalBaseState FinalState() => Schema.State with { NextSeq = _nextSeq, NextAutoNumber = new Dictionary<string, long>(_autoNumbers, StringComparer.Ordinal) };

    /// <summary>Takes the next record sequence number.</summary>
    public long NextSeq()
    {
        SchemaChanged = true;
        return _nextSeq++;
    }

    /// <summary>Takes the next auto number of a table.</summary>
    public long NextAutoNumber(string tableId)
    {
        var next = _autoNumbers.GetValueOrDefault(tableId, 1);
        _autoNumbers[tableId] = next + 1;
        SchemaChanged = true;
        return next;
    }

    private void Remember(string id)
    {
        if (!_originals.ContainsKey(id))
        {
            _originals[id] = data.Get(id);
        }
    }
}
