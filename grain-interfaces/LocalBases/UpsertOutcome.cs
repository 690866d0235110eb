namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>The records an upsert wrote, in request order, and which of them it created or updated.</summary>
public sealed record UpsertOutcome(IReadOnlyList<RecordData> Records, IReadOnlyList<string> CreatedRecords, IReadOnlyList<string> UpdatedRecords);
