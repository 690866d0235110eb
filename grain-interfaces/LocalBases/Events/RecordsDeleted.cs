namespace PyAirtable.GrainInterfaces.LocalBases.Events;

/// <summary>Records were deleted from a table; <see cref="Records"/> holds them as they were.</summary>
public sealed record RecordsDeleted(string BaseId, string TableId, IReadOnlyList<RecordData> Records, string? ActorId, DateTimeOffset At);
