namespace PyAirtable.Runtime.Streams;

/// <summary>An event as stored in the log, with its position in the stream.</summary>
public sealed record StoredStreamEvent(StreamId StreamId, long Sequence, Guid EventId, string PayloadType, string Payload, DateTimeOffset Timestamp);
