namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>A stream with subscribers: how far it is known to go, recent events, and its subscribers' cursors.</summary>
internal sealed class StreamAgent(StreamId streamId, long knownHead)
{
    private long _lowestCached = long.MaxValue;

    public StreamId StreamId { get; } = streamId;

    public long KnownHead { get; set; } = knownHead;

    /// <summary>Events not yet handled by every subscriber, kept as the objects that were published (in-process delivery does not copy).</summary>
    public Dictionary<long, CachedEvent> Cache { get; } = [];

    public List<SubscriberCursor> Cursors { get; } = [];

    public long MinDelivered()
    {
        var min = long.MaxValue;
        foreach (var cursor in Cursors)
        {
            min = Math.Min(min, cursor.Delivered);
        }

        return min == long.MaxValue ? KnownHead : min;
    }

    /// <summary>Drops events every subscriber has handled; each sequence is visited once, so this is O(1) amortized.</summary>
    public void Evict()
    {
        if (Cache.Count == 0)
        {
            _lowestCached = long.MaxValue;
            return;
        }

        var min = MinDelivered();
        for (; _lowestCached <= min; _lowestCached++)
        {
            Cache.Remove(_lowestCached);
        }
    }

    public void Add(long sequence, CachedEvent cachedEvent)
    {
        if (sequence > MinDelivered())
        {
            Cache[sequence] = cachedEvent;
            _lowestCached = Math.Min(_lowestCached, sequence);
        }
    }
}
