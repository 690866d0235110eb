using PyAirtable.Runtime.Streams.Delivery;

namespace PyAirtable.Runtime.Streams;

/// <summary>The <c>Default</c> stream provider: streams backed by the silo's durable log.</summary>
internal sealed class DurableStreamProvider(StreamDeliveryService delivery) : IStreamProvider
{
    public string Name => GrainStorageNames.Default;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(streamId, delivery);
}
