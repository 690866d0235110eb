namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>One page of records and the opaque offset of the next page, if there is one.</summary>
public sealed record RecordPage(IReadOnlyList<RecordData> Records, string? Offset);
