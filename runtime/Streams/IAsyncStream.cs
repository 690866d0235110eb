namespace PyAirtable.Runtime.Streams;

/// <summary>A stream of events of type <typeparamref name="T"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Orleans' name, kept so grain code reads like Orleans code.")]
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    /// <summary>Appends an event to the durable log; when this returns the event survives a crash and will be delivered.</summary>
    Task OnNextAsync(T item);

    /// <summary>Appends several events, atomically and in order.</summary>
    Task OnNextBatchAsync(IEnumerable<T> items);

    /// <summary>
    /// Subscribes. Inside a grain: the handler is attached to the activation (call this again in
    /// OnActivateAsync, it is idempotent); for an implicitly subscribed grain nothing else
    /// happens, otherwise the subscription is persisted and survives restarts. Outside a grain:
    /// a subscription for the lifetime of the handle, starting with the next event.
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(Func<T, StreamSequenceToken, Task> onNextAsync);

    /// <summary>The calling grain's persisted subscriptions to this stream.</summary>
    Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}
