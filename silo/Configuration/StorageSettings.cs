namespace PyAirtable.Silo.Configuration;

/// <summary>Configuration section <c>Storage</c>: where the silo keeps its data.</summary>
public sealed class StorageSettings
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (default, embedded), <c>postgres</c> (production, clusters) or <c>memory</c> (nothing survives a restart).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The folder of the SQLite file, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite file's name inside <see cref="DataDirectory"/>.</summary>
    public string SqliteFile { get; set; } = "pyairtable.db";
}
