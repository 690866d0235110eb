namespace PyAirtable.Runtime.Streams;

/// <summary>How far a subscriber has handled a stream; <see cref="ParkedError"/> is set when delivery gave up.</summary>
public sealed record SubscriberCheckpoint(StreamId StreamId, string SubscriberKey, long Sequence, string? ParkedError);
