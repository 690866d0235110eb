namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>An event ready for delivery.</summary>
internal sealed record CachedEvent(object Item, StreamSequenceToken Token);
