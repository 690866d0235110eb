namespace PyAirtable.Runtime.Streams;

/// <summary>Where an event sits in its stream, and its id (use the id to make handlers idempotent).</summary>
public sealed record StreamSequenceToken(long SequenceNumber, Guid EventId, DateTimeOffset Timestamp);
