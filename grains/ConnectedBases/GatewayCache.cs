using System.Text.Json;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>
/// One base's cached reads. Each entry knows its table and record, so a write drops exactly the
/// lists of the tables it can change (its own and the tables linked to it, whose lookups and
/// rollups follow), the records it wrote, and the linked tables' records. Without the schema the
/// gateway cannot tell a table's name from another table's id, so it then drops every record read.
/// Not thread-safe: its owner (a grain) runs one turn at a time.
/// </summary>
public sealed class GatewayCache(int maxEntries)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private const int RecentWrites = 256;
    private readonly Queue<string> _order = new();
    private readonly Queue<(long Generation, GatewayRoute Write)> _recent = new();
    private SchemaModel? _schema;

    /// <summary>Moves on every invalidation: a read that started before it must not be cached after it.</summary>
    public long Generation { get; private set; }

    /// <summary>Moves only on schema writes: record writes do not make a schema read stale.</summary>
    public long SchemaGeneration { get; private set; }

    /// <summary>Whether the schema is known, so that writes can be told apart by table.</summary>
    public bool HasSchema => _schema is not null;

    public long Evictions { get; private set; }

    public int Count => _entries.Count;

    public bool TryGet(string key, DateTimeOffset now, TimeSpan staleWindow, out AirtableResponse response, out bool stale)
    {
        response = null!;
        stale = false;
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (now < entry.Expires)
        {
            response = entry.Response;
            return true;
        }

        if (now < entry.Expires + staleWindow)
        {
            response = entry.Response;
            stale = true;
            return true;
        }

        _entries.Remove(key);
        return false;
    }

    public void Put(GatewayRoute route, AirtableResponse response, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Kind == GatewayRoute.Kinds.ReadSchema)
        {
            _schema = SchemaModel.Parse(response.Body);
        }

        if (route is { Kind: GatewayRoute.Kinds.ListRecords, RecordKeyPrefix: { } prefix } && response.Status == 200)
        {
            FillRecords(route, prefix, response, expires);
        }

        Store(route, response with { FromCache = true }, expires);
    }

    /// <summary>
    /// Each record of a list page is what a read of that record would answer at the same moment,
    /// so it is cached as that read: clients that list and then open records cost one request,
    /// not one per record.
    /// </summary>
    private void FillRecords(GatewayRoute list, string prefix, AirtableResponse response, DateTimeOffset expires)
    {
        JsonDocument page;
        try
        {
            page = JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            return;
        }

        using (page)
        {
            if (page.RootElement.ValueKind != JsonValueKind.Object || !page.RootElement.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var record in records.EnumerateArray())
            {
                if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } recordId
                    && !recordId.Contains('/', StringComparison.Ordinal))
                {
                    var read = new GatewayRoute(GatewayRoute.Kinds.GetRecord, list.Table, recordId, null, true, prefix + recordId + "?");
                    Store(read, new AirtableResponse(200, record.GetRawText(), response.ContentType, FromCache: true), expires);
                }
            }
        }
    }

    private void Store(GatewayRoute route, AirtableResponse response, DateTimeOffset expires)
    {
        if (!_entries.ContainsKey(route.CacheKey))
        {
            _order.Enqueue(route.CacheKey);
        }

        _entries[route.CacheKey] = new Entry(route, response, expires);
        while (_entries.Count > Math.Max(1, maxEntries) && _order.TryDequeue(out var oldest))
        {
            if (_entries.Remove(oldest))
            {
                Evictions++;
            }
        }

        if (_order.Count > 4 * Math.Max(1, maxEntries))
        {
            // Keys dropped by invalidation stay queued; rebuild the queue when they pile up.
            var live = _order.Where(_entries.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            _order.Clear();
            live.ForEach(_order.Enqueue);
        }
    }

    /// <summary>Drops what a write can have changed; a schema write drops everything.</summary>
    public void Invalidate(GatewayRoute write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Generation++;
        _recent.Enqueue((Generation, write));
        while (_recent.Count > RecentWrites)
        {
            _recent.Dequeue();
        }

        if (write.Kind == GatewayRoute.Kinds.WriteSchema)
        {
            SchemaGeneration++;
            _entries.Clear();
            _schema = null;
            return;
        }

        foreach (var (key, entry) in _entries.ToList())
        {
            if (WouldDrop(write, entry.Route))
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>
    /// Whether a read that started at <paramref name="generation"/> may be cached now: no write
    /// since then can have changed what it read. A read of one record stays cacheable while
    /// other records are written, so a busy base still fills its cache.
    /// </summary>
    public bool UnchangedSince(GatewayRoute read, long generation)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (generation == Generation)
        {
            return true;
        }

        // The log must reach back to the first write after the read started.
        if (_recent.Count == 0 || _recent.Peek().Generation > generation + 1)
        {
            return false;
        }

        foreach (var (moved, write) in _recent)
        {
            if (moved > generation && WouldDrop(write, read))
            {
                return false;
            }
        }

        return true;
    }

    private bool WouldDrop(GatewayRoute write, GatewayRoute read)
    {
        if (write.Kind == GatewayRoute.Kinds.WriteSchema)
        {
            return true;
        }

        if (read.Kind == GatewayRoute.Kinds.ReadSchema)
        {
            return false;
        }

        var table = Resolve(write.Table);
        var related = table is null ? null : _schema!.Related(table);
        var selfLinked = table is not null && _schema!.SelfLinked(table);
        var readTable = Resolve(read.Table);
        var sameTable = table is null || readTable is null ? null : (bool?)(readTable == table);
        var relatedTable = related is null || readTable is null || related.Contains(readTable);
        return Drops(write, read, selfLinked ? null : sameTable, relatedTable);
    }

    private static bool Drops(GatewayRoute write, GatewayRoute read, bool? sameTable, bool relatedTable)
    {
        if (!relatedTable)
        {
            return false;
        }

        if (write.Kind == GatewayRoute.Kinds.WriteComments)
        {
            // Comments change only that record's comment list and its commentCount.
            return sameTable != false && read.RecordId == write.RecordId && read.Kind is GatewayRoute.Kinds.ListComments or GatewayRoute.Kinds.GetRecord;
        }

        return read.Kind switch
        {
            GatewayRoute.Kinds.ListRecords => true,
            GatewayRoute.Kinds.ListComments => false,
            GatewayRoute.Kinds.GetRecord when sameTable == true => write.WrittenRecordIds is null || write.WrittenRecordIds.Contains(read.RecordId!),
            _ => true,
        };
    }

    /// <summary>A table's id from its name or id, when the schema is known; null when it is not.</summary>
    private string? Resolve(string? table) => table is null || _schema is null ? null : _schema.IdOf(table);

    private sealed record Entry(GatewayRoute Route, AirtableResponse Response, DateTimeOffset Expires);

    /// <summary>Tables and their links, from <c>GET /v0/meta/bases/{id}/tables</c>.</summary>
    private sealed class SchemaModel
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _links = new(StringComparer.Ordinal);
        private readonly HashSet<string> _selfLinked = new(StringComparer.Ordinal);

        public static SchemaModel? Parse(string body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (!json.RootElement.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                var model = new SchemaModel();
                foreach (var table in tables.EnumerateArray())
                {
                    var id = table.GetProperty("id").GetString()!;
                    model._ids[id] = id;
                    if (table.TryGetProperty("name", out var name) && name.GetString() is { } text)
                    {
                        model._ids.TryAdd(text, id);
                    }

                    model.Link(id, id);
                    if (table.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var field in fields.EnumerateArray())
                        {
                            if (field.TryGetProperty("type", out var type) && type.GetString() == "multipleRecordLinks"
                                && field.TryGetProperty("options", out var options) && options.TryGetProperty("linkedTableId", out var linked) && linked.GetString() is { } other)
                            {
                                if (other == id)
                                {
                                    model._selfLinked.Add(id);
                                }

                                model.Link(id, other);
                                model.Link(other, id);
                            }
                        }
                    }
                }

                return model;
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>A table that links to itself: writing one of its records can change others of it.</summary>
        public bool SelfLinked(string tableId) => _selfLinked.Contains(tableId);

        public string? IdOf(string table) => _ids.TryGetValue(table, out var id) ? id : null;

        public HashSet<string> Related(string tableId) => _links.TryGetValue(tableId, out var set) ? set : new HashSet<string>([tableId], StringComparer.Ordinal);

        private void Link(string from, string to)
        {
            if (!_links.TryGetValue(from, out var set))
            {
                _links[from] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(to);
        }
    }
}
