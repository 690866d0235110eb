namespace PyAirtable.Runtime.Streams;

/// <summary>A persisted explicit subscription of a grain to a stream.</summary>
public sealed record StreamSubscriptionRecord(Guid SubscriptionId, StreamId StreamId, GrainId Subscriber);
