namespace PyAirtable.Runtime.Streams;

/// <summary>The durable stream log: events, explicit subscriptions and subscriber checkpoints.</summary>
public interface IStreamLog
{
    /// <summary>
    /// Appends events to a stream with consecutive sequence numbers; durable when it returns.
    /// An event whose id is already in the stream is skipped, so a retried append stores nothing twice.
    /// Returns the stream's last sequence number.
    /// </summary>
    Task<long> AppendAsync(StreamId streamId, IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="maxCount"/> events after <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(StreamId streamId, long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>Every stream that has events, with its last sequence number.</summary>
    Task<IReadOnlyList<StreamHead>> ReadHeadsAsync(CancellationToken cancellationToken);

    /// <summary>Adds an explicit subscription; adding the same id again changes nothing.</summary>
    Task AddSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken);

    Task RemoveSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamSubscriptionRecord>> ReadSubscriptionsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SubscriberCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces checkpoints (stream, subscriber key).</summary>
    Task SaveCheckpointsAsync(IReadOnlyList<SubscriberCheckpoint> checkpoints, CancellationToken cancellationToken);
}
