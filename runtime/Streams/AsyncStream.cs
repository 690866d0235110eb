using PyAirtable.Runtime.Messaging;
using PyAirtable.Runtime.Streams.Delivery;

namespace PyAirtable.Runtime.Streams;

/// <summary>A handle to one stream; cheap to create.</summary>
internal sealed class AsyncStream<T>(StreamId streamId, StreamDeliveryService delivery) : IAsyncStream<T>
{
    public StreamId StreamId => streamId;

    public Task OnNextAsync(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return delivery.PublishAsync(streamId, [item]);
    }

    public Task OnNextBatchAsync(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.Select(i => (object)i!).ToList();
        return list.Count == 0 ? Task.CompletedTask : delivery.PublishAsync(streamId, list);
    }

    public async Task<StreamSubscriptionHandle<T>> SubscribeAsync(Func<T, StreamSequenceToken, Task> onNextAsync)
    {
        ArgumentNullException.ThrowIfNull(onNextAsync);
        Task Untyped(object item, StreamSequenceToken token) => onNextAsync((T)item, token);
        var activation = CallContext.Current?.Activation;
        if (activation is null)
        {
            var key = delivery.SubscribeCallback(streamId, Untyped);
            return new Handle(streamId, Guid.NewGuid(), () =>
            {
                delivery.UnsubscribeCallback(streamId, key);
                return Task.CompletedTask;
            });
        }

        activation.SetStreamHandler(streamId.ToString(), (Func<object, StreamSequenceToken, Task>)Untyped);
        if (StreamDeliveryService.IsImplicitSubscriber(activation.GrainClass, activation.GrainId, streamId))
        {
            return new Handle(streamId, Guid.Empty, () =>
            {
                activation.RemoveStreamHandler(streamId.ToString());
                return Task.CompletedTask;
            });
        }

        var subscriptionId = await delivery.SubscribeGrainAsync(streamId, activation.GrainId).ConfigureAwait(true);
        return ExplicitHandle(activation.GrainId, subscriptionId);
    }

    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles()
    {
        var activation = CallContext.Current?.Activation
            ?? throw new InvalidOperationException("Only a grain has persisted subscriptions.");
        IList<StreamSubscriptionHandle<T>> handles = [.. delivery.GetGrainSubscriptions(streamId, activation.GrainId)
            .Select(id => ExplicitHandle(activation.GrainId, id))];
        return Task.FromResult(handles);
    }

    private Handle ExplicitHandle(GrainId grainId, Guid subscriptionId) => new(streamId, subscriptionId, async () =>
    {
        await delivery.UnsubscribeGrainAsync(streamId, subscriptionId).ConfigureAwait(true);
        var current = CallContext.Current?.Activation;
        if (current?.GrainId == grainId)
        {
            current.RemoveStreamHandler(streamId.ToString());
        }
    });

    private sealed class Handle(StreamId streamId, Guid handleId, Func<Task> unsubscribe) : StreamSubscriptionHandle<T>
    {
        public override Guid HandleId => handleId;

        public override StreamId StreamId => streamId;

        public override Task UnsubscribeAsync() => unsubscribe();
    }
}
