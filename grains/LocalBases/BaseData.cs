namespace PyAirtable.Grains.LocalBases;

/// <summary>The committed records of a base: by id, and per table in creation order.</summary>
public sealed class BaseData
{
    private readonly Dictionary<string, LocalRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<long, LocalRecord>> _byTable = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public LocalRecord? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A table's records in creation order.</summary>
    public IEnumerable<LocalRecord> Records(string tableId) =>
        _byTable.TryGetValue(tableId, out var records) ? records.Values : [];

    public int CountOf(string tableId) => _byTable.TryGetValue(tableId, out var records) ? records.Count : 0;

    public void Put(LocalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_byId.TryGetValue(record.Id, out var old))
        {
            Table(old.TableId).Remove(old.Seq);
        }

        _byId[record.Id] = record;
        Table(record.TableId)[record.Seq] = record;
    }

    public void Remove(string id)
    {
        if (_byId.Remove(id, out var old))
        {
            Table(old.TableId).Remove(old.Seq);
        }
    }

    public void Clear()
    {
        _byId.Clear();
        _byTable.Clear();
    }

    private SortedDictionary<long, LocalRecord> Table(string tableId)
    {
        if (!_byTable.TryGetValue(tableId, out var records))
        {
            records = [];
            _byTable[tableId] = records;
        }

        return records;
    }
}
