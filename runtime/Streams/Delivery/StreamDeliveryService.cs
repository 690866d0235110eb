using Microsoft.Extensions.Logging;
using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Telemetry;

namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>
/// Publishes to the durable log and delivers to subscribers: at least once, in order per
/// stream, each subscriber at its own pace with its own checkpoint. A subscriber that keeps
/// failing is retried with doubling back-off and then parked with its error.
/// </summary>
internal sealed partial class StreamDeliveryService(SiloRuntime runtime) : IStreamAdministration, IDisposable
{
    private const int CheckpointEvery = 256;
    private const int ReadBatch = 256;
    private static readonly TimeSpan CheckpointDelay = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private readonly Dictionary<StreamId, StreamAgent> _agents = [];
    private readonly Dictionary<StreamId, long> _heads = [];
    private readonly Dictionary<StreamId, List<StreamSubscriptionRecord>> _explicit = [];
    private readonly Dictionary<(StreamId, string), SubscriberCheckpoint> _checkpoints = [];
    private readonly Dictionary<(StreamId Stream, string Key), SubscriberCursor> _dirty = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _flushScheduled;
    private Dictionary<string, GrainClass[]> _implicit = [];
    private int _inFlightAppends;

    private IStreamLog Log => runtime.Storage.StreamLog;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _implicit = runtime.Registry.Classes
            .SelectMany(c => c.ImplicitStreamNamespaces.Select(ns => (ns, c)))
            .GroupBy(p => p.ns, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.c).ToArray(), StringComparer.Ordinal);
        var heads = await Log.ReadHeadsAsync(cancellationToken).ConfigureAwait(false);
        var subscriptions = await Log.ReadSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var checkpoints = await Log.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var checkpoint in checkpoints)
            {
                _checkpoints[(checkpoint.StreamId, checkpoint.SubscriberKey)] = checkpoint;
            }

            foreach (var subscription in subscriptions)
            {
                ExplicitFor(subscription.StreamId).Add(subscription);
            }

            foreach (var head in heads)
            {
                _heads[head.StreamId] = head.LastSequence;
                if (HasDurableSubscribers(head.StreamId))
                {
                    KickAllLocked(GetOrCreateAgentLocked(head.StreamId));
                }
            }
        }
    }

    public async Task PublishAsync(StreamId streamId, IReadOnlyList<object> items)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var events = new StreamEventData[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var type = items[i].GetType();
            events[i] = new StreamEventData(Guid.NewGuid(), StreamEventTypes.NameOf(type), StateSerializer.Serialize(items[i], type), now);
        }

        Interlocked.Increment(ref _inFlightAppends);
        try
        {
            var last = await Log.AppendAsync(streamId, events, CancellationToken.None).ConfigureAwait(false);
            OnAppended(streamId, last - events.Length + 1, items, events);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightAppends);
        }
    }

    /// <summary>Persists a grain's explicit subscription (once per grain and stream) and starts delivering to it.</summary>
    public async Task<Guid> SubscribeGrainAsync(StreamId streamId, GrainId grainId)
    {
        long head;
        lock (_lock)
        {
            var existing = ExplicitOrEmpty(streamId).FirstOrDefault(s => s.Subscriber == grainId);
            if (existing is not null)
            {
                return existing.SubscriptionId;
            }

            head = HeadLocked(streamId);
        }

        var record = new StreamSubscriptionRecord(Guid.NewGuid(), streamId, grainId);
        var checkpoint = new SubscriberCheckpoint(streamId, ExplicitKey(record.SubscriptionId), head, null);
        await Log.SaveCheckpointsAsync([checkpoint], CancellationToken.None).ConfigureAwait(true);
        await Log.AddSubscriptionAsync(record, CancellationToken.None).ConfigureAwait(true);
        lock (_lock)
        {
            ExplicitFor(streamId).Add(record);
            _checkpoints[(streamId, checkpoint.SubscriberKey)] = checkpoint;
            if (_agents.TryGetValue(streamId, out var agent))
            {
                var cursor = new SubscriberCursor(checkpoint.SubscriberKey, new GrainDeliveryTarget(runtime, grainId), head, durable: true);
                agent.Cursors.Add(cursor);
                KickLocked(agent, cursor);
            }
        }

        return record.SubscriptionId;
    }

    public async Task UnsubscribeGrainAsync(StreamId streamId, Guid subscriptionId)
    {
        await Log.RemoveSubscriptionAsync(subscriptionId, CancellationToken.None).ConfigureAwait(true);
        lock (_lock)
        {
            if (_explicit.TryGetValue(streamId, out var subscriptions))
            {
                subscriptions.RemoveAll(s => s.SubscriptionId == subscriptionId);
            }
            RemoveCursorLocked(streamId, ExplicitKey(subscriptionId));
        }
    }

    public IReadOnlyList<Guid> GetGrainSubscriptions(StreamId streamId, GrainId grainId)
    {
        lock (_lock)
        {
            return [.. ExplicitOrEmpty(streamId).Where(s => s.Subscriber == grainId).Select(s => s.SubscriptionId)];
        }
    }

    /// <summary>Subscribes non-grain code from the next event on, for as long as the returned key is not removed.</summary>
    public string SubscribeCallback(StreamId streamId, Func<object, StreamSequenceToken, Task> callback)
    {
        var key = "callback:" + Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            var agent = GetOrCreateAgentLocked(streamId);
            agent.Cursors.Add(new SubscriberCursor(key, new CallbackDeliveryTarget(callback), agent.KnownHead, durable: false));
        }

        return key;
    }

    public void UnsubscribeCallback(StreamId streamId, string key)
    {
        lock (_lock)
        {
            RemoveCursorLocked(streamId, key);
        }
    }

    public static bool IsImplicitSubscriber(GrainClass grainClass, GrainId grainId, StreamId streamId) =>
        grainClass.ImplicitStreamNamespaces.Contains(streamId.Namespace) && grainId.Key == streamId.Key;

    public IReadOnlyList<ParkedSubscriber> GetParkedSubscribers()
    {
        lock (_lock)
        {
            return [.. _agents.Values.SelectMany(a => a.Cursors
                .Where(c => c.ParkedError is not null)
                .Select(c => new ParkedSubscriber(a.StreamId, c.Key, c.Delivered + 1, c.ParkedError!)))];
        }
    }

    public async Task ResumeAsync(StreamId streamId, string subscriberKey)
    {
        SubscriberCursor? cursor;
        lock (_lock)
        {
            cursor = _agents.TryGetValue(streamId, out var agent) ? agent.Cursors.Find(c => c.Key == subscriberKey) : null;
        }

        if (cursor?.ParkedError is null)
        {
            return;
        }

        if (cursor.Durable)
        {
            await SaveCheckpointAsync(streamId, cursor, cursor.Delivered, null).ConfigureAwait(false);
        }

        lock (_lock)
        {
            cursor.ParkedError = null;
            KickLocked(_agents[streamId], cursor);
        }
    }

    public async Task WaitForQuiescenceAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!IsQuiescent())
        {
            await Task.Delay(2, deadline.Token).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(TimeSpan drainTimeout)
    {
        try
        {
            await WaitForQuiescenceAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogMessages.DrainTimedOut(runtime.Logger, drainTimeout);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await FlushCheckpointsAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private bool IsQuiescent()
    {
        if (Volatile.Read(ref _inFlightAppends) > 0)
        {
            return false;
        }

        lock (_lock)
        {
            foreach (var agent in _agents.Values)
            {
                foreach (var cursor in agent.Cursors)
                {
                    if (cursor.ParkedError is null && (cursor.Pumping || cursor.Delivered < agent.KnownHead))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private void OnAppended(StreamId streamId, long firstSequence, IReadOnlyList<object> items, StreamEventData[] events)
    {
        var last = firstSequence + items.Count - 1;
        lock (_lock)
        {
            if (!_agents.TryGetValue(streamId, out var agent))
            {
                if (!HasDurableSubscribers(streamId))
                {
                    _heads[streamId] = Math.Max(last, _heads.GetValueOrDefault(streamId));
                    return;
                }

                agent = GetOrCreateAgentLocked(streamId);
            }

            agent.KnownHead = Math.Max(agent.KnownHead, last);
            for (var i = 0; i < items.Count; i++)
            {
                agent.Add(firstSequence + i, new CachedEvent(items[i], new StreamSequenceToken(firstSequence + i, events[i].EventId, events[i].Timestamp)));
            }

            KickAllLocked(agent);
        }
    }

    private void KickAllLocked(StreamAgent agent)
    {
        foreach (var cursor in agent.Cursors)
        {
            KickLocked(agent, cursor);
        }
    }

    private void KickLocked(StreamAgent agent, SubscriberCursor cursor)
    {
        if (cursor.Pumping || cursor.Removed || cursor.ParkedError is not null || cursor.Delivered >= agent.KnownHead)
        {
            return;
        }

        cursor.Pumping = true;
        ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.service.PumpAsync(s.agent, s.cursor), (service: this, agent, cursor), preferLocal: false);
    }

    private async Task PumpAsync(StreamAgent agent, SubscriberCursor cursor)
    {
        while (true)
        {
            CachedEvent? next = null;
            long wanted;
            var caughtUp = false;
            lock (_lock)
            {
                wanted = cursor.Delivered + 1;
                if (cursor.Removed || _stopping.IsCancellationRequested)
                {
                    cursor.Pumping = false;
                    return;
                }

                if (wanted > agent.KnownHead)
                {
                    caughtUp = true;
                }
                else
                {
                    agent.Cache.TryGetValue(wanted, out next);
                }
            }

            if (caughtUp)
            {
                lock (_lock)
                {
                    if (cursor.Delivered >= agent.KnownHead || cursor.Removed)
                    {
                        cursor.Pumping = false;
                        if (cursor.Durable && cursor.Persisted < cursor.Delivered)
                        {
                            ScheduleCheckpointLocked(agent.StreamId, cursor);
                        }

                        return;
                    }
                }

                continue;
            }

            next ??= await LoadAsync(agent, wanted).ConfigureAwait(false);
            var error = next is null
                ? $"Event {wanted} of {agent.StreamId} is missing from the log."
                : await DeliverWithRetriesAsync(agent.StreamId, cursor, next).ConfigureAwait(false);
            if (error is not null)
            {
                await ParkAsync(agent, cursor, error).ConfigureAwait(false);
                return;
            }

            lock (_lock)
            {
                cursor.Delivered = wanted;
                agent.Evict();
            }

            if (cursor.Durable && cursor.Delivered - cursor.Persisted >= CheckpointEvery)
            {
                await SaveCheckpointAsync(agent.StreamId, cursor, cursor.Delivered, null).ConfigureAwait(false);
            }
        }
    }

    private async Task<string?> DeliverWithRetriesAsync(StreamId streamId, SubscriberCursor cursor, CachedEvent next)
    {
        Exception? last = null;
        var attempts = Math.Max(1, runtime.Options.MaxDeliveryAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await cursor.Target.DeliverAsync(streamId, next.Item, next.Token).ConfigureAwait(false);
                RuntimeInstruments.StreamDeliveries.Add(1);
                if (RuntimeInstruments.StreamLag.Enabled)
                {
                    RuntimeInstruments.StreamLag.Record((runtime.TimeProvider.GetUtcNow() - next.Token.Timestamp).TotalMilliseconds);
                }

                return null;
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                last = exception;
                LogMessages.DeliveryFailed(runtime.Logger, cursor.Key, streamId, next.Token.SequenceNumber, attempt, exception);
            }

            if (attempt < attempts)
            {
                var delay = runtime.Options.DeliveryBackoff * Math.Pow(2, attempt - 1);
                try
                {
                    await Task.Delay(delay, runtime.TimeProvider, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return "The silo stopped while retrying.";
                }
            }
        }

        return $"{last?.GetType().Name}: {last?.Message}";
    }

    private async Task ParkAsync(StreamAgent agent, SubscriberCursor cursor, string error)
    {
        LogMessages.SubscriberParked(runtime.Logger, cursor.Key, agent.StreamId, cursor.Delivered + 1, error);
        if (cursor.Durable)
        {
            await SaveCheckpointAsync(agent.StreamId, cursor, cursor.Delivered, error).ConfigureAwait(false);
        }

        lock (_lock)
        {
            cursor.ParkedError = error;
            cursor.Pumping = false;
        }
    }

    private async Task<CachedEvent?> LoadAsync(StreamAgent agent, long wanted)
    {
        var stored = await Log.ReadAsync(agent.StreamId, wanted - 1, ReadBatch, CancellationToken.None).ConfigureAwait(false);
        CachedEvent? result = null;
        lock (_lock)
        {
            foreach (var e in stored)
            {
                var cached = new CachedEvent(
                    StateSerializer.Deserialize(e.Payload, StreamEventTypes.Resolve(e.PayloadType))!,
                    new StreamSequenceToken(e.Sequence, e.EventId, e.Timestamp));
                agent.Add(e.Sequence, cached);
                agent.KnownHead = Math.Max(agent.KnownHead, e.Sequence);
                if (e.Sequence == wanted)
                {
                    result = cached;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Saves a caught-up subscriber's checkpoint a little later, together with others, instead of
    /// making the next event wait for a commit; a crash before then only means redelivery.
    /// </summary>
    private void ScheduleCheckpointLocked(StreamId streamId, SubscriberCursor cursor)
    {
        _dirty[(streamId, cursor.Key)] = cursor;
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            _ = FlushCheckpointsLaterAsync();
        }
    }

    private async Task FlushCheckpointsLaterAsync()
    {
        try
        {
            await Task.Delay(CheckpointDelay, runtime.TimeProvider, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await FlushCheckpointsAsync().ConfigureAwait(false);
    }

    private async Task FlushCheckpointsAsync()
    {
        List<(SubscriberCheckpoint Checkpoint, SubscriberCursor Cursor)> batch;
        lock (_lock)
        {
            batch = [.. _dirty.Select(p => (new SubscriberCheckpoint(p.Key.Stream, p.Value.Key, p.Value.Delivered, p.Value.ParkedError), p.Value))];
            _dirty.Clear();
            _flushScheduled = false;
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await Log.SaveCheckpointsAsync([.. batch.Select(b => b.Checkpoint)], CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                foreach (var (checkpoint, cursor) in batch)
                {
                    cursor.Persisted = Math.Max(cursor.Persisted, checkpoint.Sequence);
                    _checkpoints[(checkpoint.StreamId, cursor.Key)] = checkpoint;
                }
            }
        }
        catch (Exception exception)
        {
            LogMessages.CheckpointsNotSaved(runtime.Logger, batch.Count, exception);
        }
    }

    private async Task SaveCheckpointAsync(StreamId streamId, SubscriberCursor cursor, long sequence, string? parkedError)
    {
        var checkpoint = new SubscriberCheckpoint(streamId, cursor.Key, sequence, parkedError);
        try
        {
            await Log.SaveCheckpointsAsync([checkpoint], CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                cursor.Persisted = Math.Max(cursor.Persisted, sequence);
                _checkpoints[(streamId, cursor.Key)] = checkpoint;
            }
        }
        catch (Exception exception)
        {
            LogMessages.CheckpointNotSaved(runtime.Logger, cursor.Key, streamId, exception);
        }
    }

    private StreamAgent GetOrCreateAgentLocked(StreamId streamId)
    {
        if (_agents.TryGetValue(streamId, out var agent))
        {
            return agent;
        }

        agent = new StreamAgent(streamId, HeadLocked(streamId));
        _heads.Remove(streamId);
        if (_implicit.TryGetValue(streamId.Namespace, out var classes))
        {
            foreach (var grainClass in classes)
            {
                var key = "implicit:" + grainClass.TypeName;
                agent.Cursors.Add(CreateDurableCursor(streamId, key, new GrainId(grainClass.TypeName, streamId.Key)));
            }
        }

        foreach (var subscription in ExplicitOrEmpty(streamId))
        {
            agent.Cursors.Add(CreateDurableCursor(streamId, ExplicitKey(subscription.SubscriptionId), subscription.Subscriber));
        }

        _agents[streamId] = agent;
        return agent;
    }

    private SubscriberCursor CreateDurableCursor(StreamId streamId, string key, GrainId subscriber)
    {
        var checkpoint = _checkpoints.GetValueOrDefault((streamId, key));
        return new SubscriberCursor(key, new GrainDeliveryTarget(runtime, subscriber), checkpoint?.Sequence ?? 0, durable: true)
        {
            ParkedError = checkpoint?.ParkedError,
        };
    }

    private void RemoveCursorLocked(StreamId streamId, string key)
    {
        if (!_agents.TryGetValue(streamId, out var agent))
        {
            return;
        }

        var cursor = agent.Cursors.Find(c => c.Key == key);
        if (cursor is not null)
        {
            cursor.Removed = true;
            agent.Cursors.Remove(cursor);
        }

        if (agent.Cursors.Count == 0)
        {
            _agents.Remove(streamId);
            _heads[streamId] = agent.KnownHead;
        }
    }

    private long HeadLocked(StreamId streamId) =>
        _agents.TryGetValue(streamId, out var agent) ? agent.KnownHead : _heads.GetValueOrDefault(streamId);

    private bool HasDurableSubscribers(StreamId streamId) =>
        _implicit.ContainsKey(streamId.Namespace) || (_explicit.TryGetValue(streamId, out var list) && list.Count > 0);

    private List<StreamSubscriptionRecord> ExplicitFor(StreamId streamId)
    {
        if (!_explicit.TryGetValue(streamId, out var list))
        {
            _explicit[streamId] = list = [];
        }

        return list;
    }

    private List<StreamSubscriptionRecord> ExplicitOrEmpty(StreamId streamId) =>
        _explicit.TryGetValue(streamId, out var list) ? list : [];

    private static string ExplicitKey(Guid subscriptionId) => "sub:" + subscriptionId.ToString("N");

    private static partial class LogMessages
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of event {Sequence} of {StreamId} to {Subscriber} failed (attempt {Attempt})")]
        public static partial void DeliveryFailed(ILogger logger, string subscriber, StreamId streamId, long sequence, int attempt, Exception exception);

        [LoggerMessage(Level = LogLevel.Error, Message = "Subscriber {Subscriber} of {StreamId} is parked at event {Sequence}: {Error}")]
        public static partial void SubscriberParked(ILogger logger, string subscriber, StreamId streamId, long sequence, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of {Subscriber} on {StreamId} not saved; events may be delivered again")]
        public static partial void CheckpointNotSaved(ILogger logger, string subscriber, StreamId streamId, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} stream checkpoints not saved; their events may be delivered again")]
        public static partial void CheckpointsNotSaved(ILogger logger, int count, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Streams did not drain within {Timeout} at shutdown; undelivered events stay in the log")]
        public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout);
    }
}
