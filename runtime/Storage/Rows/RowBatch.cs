namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>Changes to apply together, over the collection version they were computed from. A key appears at most once.</summary>
public sealed record RowBatch(long ExpectedVersion, IReadOnlyList<RowChange> Changes);
