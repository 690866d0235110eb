namespace PyAirtable.GrainInterfaces.LocalBases.Events;

/// <summary>Records were created in a table; fields keyed by field id.</summary>
public sealed record RecordsCreated(string BaseId, string TableId, IReadOnlyList<RecordData> Records, string? ActorId, DateTimeOffset At);
