namespace PyAirtable.GrainInterfaces.LocalBases.Events;

/// <summary>One updated record: the fields that changed (ids, computed ones included) and the record before and after.</summary>
public sealed record RecordChange(string RecordId, IReadOnlyList<string> ChangedFieldIds, RecordData Before, RecordData After);
