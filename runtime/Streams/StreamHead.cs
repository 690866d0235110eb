namespace PyAirtable.Runtime.Streams;

/// <summary>A stream and the sequence number of its last event.</summary>
public sealed record StreamHead(StreamId StreamId, long LastSequence);
