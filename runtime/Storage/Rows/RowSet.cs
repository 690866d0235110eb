namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>A collection as read: its version and its rows in key order.</summary>
public sealed record RowSet(long Version, IReadOnlyList<StoredRow> Rows);
