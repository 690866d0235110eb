namespace PyAirtable.Runtime.Streams;

/// <summary>An event to append: its id, the CLR type of its payload and the payload as JSON.</summary>
public sealed record StreamEventData(Guid EventId, string PayloadType, string Payload, DateTimeOffset Timestamp);
