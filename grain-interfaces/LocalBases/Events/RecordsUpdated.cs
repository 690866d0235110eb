namespace PyAirtable.GrainInterfaces.LocalBases.Events;

/// <summary>Records of a table changed, by a write or because a field they compute from changed (filling a newly added field is a <see cref="SchemaChanged"/> alone).</summary>
public sealed record RecordsUpdated(string BaseId, string TableId, IReadOnlyList<RecordChange> Changes, string? ActorId, DateTimeOffset At);
