using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Sqlite;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>SQLite files in the benchmark's work directory, one per run.</summary>
internal sealed class SqliteTarget(string directory) : IStorageTarget
{
    public string Name => "SQLite";

    public bool RawWritersBlock => true;

    public Task<IRuntimeStorage> CreateRuntimeStorageAsync(string run) =>
        Task.FromResult<IRuntimeStorage>(new SqliteRuntimeStorage(Path.Combine(directory, run + ".db")));

    public Task<IRawStateWriter[]> CreateRawWritersAsync(string run, IReadOnlyList<string> grainIds) =>
        Task.FromResult(SqliteRawStateWriter.Create(Path.Combine(directory, run + ".db"), grainIds));

    /// <summary>Baseline writers that wrap each write in the provider's transaction statements.</summary>
    public IRawStateWriter[] CreateTransactionShapedWriters(string run, IReadOnlyList<string> grainIds) =>
        SqliteRawStateWriter.Create(Path.Combine(directory, run + ".db"), grainIds, transactionShaped: true);
}
