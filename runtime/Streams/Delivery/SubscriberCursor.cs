namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>One subscriber's position in one stream. Guarded by the delivery service's lock.</summary>
internal sealed class SubscriberCursor(string key, IDeliveryTarget target, long delivered, bool durable)
{
    public string Key { get; } = key;

    public IDeliveryTarget Target { get; } = target;

    /// <summary>Whether the checkpoint is stored (grain subscribers) or lives only as long as the process (callbacks).</summary>
    public bool Durable { get; } = durable;

    public long Delivered { get; set; } = delivered;

    public long Persisted { get; set; } = delivered;

    public bool Pumping { get; set; }

    public bool Removed { get; set; }

    public string? ParkedError { get; set; }
}
