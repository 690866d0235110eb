using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Memory;

/// <summary>The stream log in lists; an event id already in a stream's list is not appended again.</summary>
public sealed class MemoryStreamLog : IStreamLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StreamId, List<StoredStreamEvent>> _events = new();
    private readonly HashSet<(StreamId, Guid)> _eventIds = new();
    private readonly Dictionary<Guid, StreamSubscriptionRecord> _subscriptions = new();
    private readonly Dictionary<(StreamId, string), SubscriberCheckpoint> _checkpoints = new();

    public Task<long> AppendAsync(StreamId streamId, IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_lock)
        {
            _events.TryGetValue(streamId, out var log);
            foreach (var e in events)
            {
                if (!_eventIds.Add((streamId, e.EventId)))
                {
                    continue;
                }

                if (log is null)
                {
                    _events[streamId] = log = [];
                }

                log.Add(new StoredStreamEvent(streamId, log.Count + 1, e.EventId, e.PayloadType, e.Payload, e.Timestamp));
            }

            return Task.FromResult((long)(log?.Count ?? 0));
        }
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(StreamId streamId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredStreamEvent> result = _events.TryGetValue(streamId, out var log)
                ? [.. log.Skip((int)Math.Min(afterSequence, log.Count)).Take(maxCount)]
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<StreamHead>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StreamHead>>([.. _events.Select(p => new StreamHead(p.Key, p.Value.Count))]);
        }
    }

    public Task AddSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_lock)
        {
            _subscriptions.TryAdd(subscription.SubscriptionId, subscription);
        }

        return Task.CompletedTask;
    }

    public Task RemoveSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscriptionId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StreamSubscriptionRecord>> ReadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StreamSubscriptionRecord>>([.. _subscriptions.Values]);
        }
    }

    public Task<IReadOnlyList<SubscriberCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SubscriberCheckpoint>>([.. _checkpoints.Values]);
        }
    }

    public Task SaveCheckpointsAsync(IReadOnlyList<SubscriberCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        lock (_lock)
        {
            foreach (var checkpoint in checkpoints)
            {
                _checkpoints[(checkpoint.StreamId, checkpoint.SubscriberKey)] = checkpoint;
            }
        }

        return Task.CompletedTask;
    }
}
