using System.Globalization;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Postgres;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>Databases on a throwaway PostgreSQL server, one per run.</summary>
internal sealed class PostgresTarget(ThrowawayPostgres server) : IStorageTarget
{
    private int _databases;

    public string Name => "PostgreSQL";

    public bool RawWritersBlock => false;

    public async Task<IRuntimeStorage> CreateRuntimeStorageAsync(string run) =>
        new PostgresRuntimeStorage(await server.CreateDatabaseAsync(DatabaseName(run)).ConfigureAwait(false));

    public async Task<IRawStateWriter[]> CreateRawWritersAsync(string run, IReadOnlyList<string> grainIds) =>
        await PostgresRawStateWriter.CreateAsync(await server.CreateDatabaseAsync(DatabaseName(run)).ConfigureAwait(false), grainIds).ConfigureAwait(false);

    private string DatabaseName(string run) =>
        "bench_" + run.Replace('-', '_') + "_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
}
