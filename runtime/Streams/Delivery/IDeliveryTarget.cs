namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>Where a subscriber's events go: a grain's handler or an in-process callback.</summary>
internal interface IDeliveryTarget
{
    Task DeliverAsync(StreamId streamId, object item, StreamSequenceToken token);
}
