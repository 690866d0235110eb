namespace PyAirtable.Runtime.Streams;

/// <summary>A subscriber whose delivery gave up after its retries: the event it stopped at and why.</summary>
public sealed record ParkedSubscriber(StreamId StreamId, string SubscriberKey, long StoppedAtSequence, string Error);
