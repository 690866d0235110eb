namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>
/// One page of records already written as the JSON array Airtable's list-records answers
/// with (UTF-8), and the opaque offset of the next page, if there is one. The bytes are
/// shared: callers must not change them.
/// </summary>
public sealed record RecordPageJson(ReadOnlyMemory<byte> Records, string? Offset);
