namespace PyAirtable.GrainInterfaces.LocalBases.Events;

/// <summary>Records of a table changed, by a write or because a field they compute from changed.</summary>
public sealed record RecordsUpdated(string BaseId, string TableId, IReadOnlyList<RecordChange> Changes, string? ActorId, DateTimeOffset At);
