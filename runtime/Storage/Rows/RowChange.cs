namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>Upserts the row <see cref="Key"/> with <see cref="Data"/>, or deletes it when <see cref="Data"/> is null.</summary>
public sealed record RowChange(string Key, string? Data)
{
    public static RowChange Upsert(string key, string data) => new(key, data);

    public static RowChange Delete(string key) => new(key, null);
}
