namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>One stored row: its key within the collection and its JSON data.</summary>
public sealed record StoredRow(string Key, string Data);
