using System.Collections.Concurrent;

namespace PyAirtable.Formulas.Compilation;

/// <summary>
/// A thread-safe cache that never grows past its capacity. When full it starts over rather than tracking
/// recency: formulas in use are recompiled once, which is cheaper than LRU bookkeeping on every hit.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    public int Count => _entries.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var created = factory(key);
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
        return _entries.GetOrAdd(key, created);
    }
}
