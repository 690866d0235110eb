namespace PyAirtable.Runtime.Streams;

/// <summary>A subscription to a stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    public abstract Guid HandleId { get; }

    public abstract StreamId StreamId { get; }

    /// <summary>Ends the subscription; a persisted one is removed from storage.</summary>
    public abstract Task UnsubscribeAsync();
}
