using PyAirtable.Runtime.Storage;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>A database the write benchmark runs against: the runtime's provider on it, and the raw baseline on it.</summary>
internal interface IStorageTarget
{
    string Name { get; }

    /// <summary>Whether the baseline's writes block their thread (SQLite), so each baseline writer gets its own thread.</summary>
    bool RawWritersBlock { get; }

    /// <summary>The runtime's provider over a fresh, empty database named after <paramref name="run"/>.</summary>
    Task<IRuntimeStorage> CreateRuntimeStorageAsync(string run);

    /// <summary>Baseline writers over a fresh, empty database named after <paramref name="run"/>, one per grain id.</summary>
    Task<IRawStateWriter[]> CreateRawWritersAsync(string run, IReadOnlyList<string> grainIds);
}
