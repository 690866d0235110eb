using PyAirtable.Runtime.Storage.Rows;

namespace PyAirtable.Runtime.Storage.Memory;

/// <summary>
/// Row collections in sorted dictionaries behind one lock, with the durable providers' version
/// rules: a clear keeps the collection's version, so a writer that read before it stays stale.
/// </summary>
public sealed class MemoryGrainRowStorage : IGrainRowStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Collection, GrainId Owner), Collection> _collections = new();

    public Task<RowSet> ReadAllAsync(string collection, GrainId owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        lock (_lock)
        {
            return Task.FromResult(_collections.TryGetValue((collection, owner), out var stored)
                ? new RowSet(stored.Version, [.. stored.Rows.Values])
                : new RowSet(0, []));
        }
    }

    public Task<long> WriteAsync(string collection, GrainId owner, RowBatch batch, CancellationToken cancellationToken = default)
    {
        RowRules.Validate(collection, batch);
        lock (_lock)
        {
            // Checked before the first change, and no change can fail: the batch is all or none.
            var stored = Expect("writing", collection, owner, batch.ExpectedVersion);
            foreach (var change in batch.Changes)
            {
                if (change.Data is null)
                {
                    stored.Rows.Remove(change.Key);
                }
                else
                {
                    stored.Rows[change.Key] = new StoredRow(change.Key, change.Data);
                }
            }

            return Task.FromResult(++stored.Version);
        }
    }

    public Task<long> ClearAsync(string collection, GrainId owner, long expectedVersion, CancellationToken cancellationToken = default)
    {
        RowRules.ValidateVersion(collection, expectedVersion);
        lock (_lock)
        {
            var stored = Expect("clearing", collection, owner, expectedVersion);
            stored.Rows.Clear();
            return Task.FromResult(++stored.Version);
        }
    }

    /// <summary>The collection, created at version 0 when new, if its version is <paramref name="expected"/>; called under the lock.</summary>
    private Collection Expect(string action, string collection, GrainId owner, long expected)
    {
        var version = _collections.TryGetValue((collection, owner), out var stored) ? stored.Version : 0;
        if (version != expected)
        {
            throw RowRules.Mismatch(action, collection, owner, version, expected);
        }

        if (stored is null)
        {
            stored = new Collection();
            _collections.Add((collection, owner), stored);
        }

        return stored;
    }

    private sealed class Collection
    {
        public SortedDictionary<string, StoredRow> Rows { get; } = new(StringComparer.Ordinal);

        public long Version { get; set; }
    }
}
