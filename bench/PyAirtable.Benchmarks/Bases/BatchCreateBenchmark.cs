using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PyAirtable.Benchmarks.Auth;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Benchmarks.Storage;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Sqlite;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// Issue 4, figure 3: records created per second by <c>POST /v0/{baseId}/Tasks</c> with ten records
/// a request and 8 clients (write-scoped API key, real HTTP), on SQLite and on PostgreSQL, into one
/// base (every write through one grain) and into 8 bases (one per client). Baseline in the same run:
/// 8 raw ADO.NET writers inserting the same stored rows into the same tables, ten per transaction.
/// </summary>
internal sealed class BatchCreateBenchmark : IBenchmark
{
    private const double TargetRecordsPerSecond = 5000;
    private const int Clients = 8;
    private const int RecordsPerRequest = 10;

    public string Name => "batchcreate";

    public string Description => "issue 4: records/s of POST /v0 batch create (10 a request, 8 clients) on SQLite and PostgreSQL vs raw ADO.NET inserts";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var directory = Path.Combine(settings.WorkDirectory, "batchcreate-sqlite");
        var host = await BenchApiHost.StartAsync(HostSettings("sqlite", directory, null)).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var file = Path.Combine(directory, "pyairtable.db");
            var raw = 0;
            await MeasureAsync("SQLite", host, settings, report,
                () => ReadSqliteRowAsync(file),
                data => Task.FromResult(new RawRun(SqliteRawRecordWriter.Create(Path.Combine(settings.WorkDirectory, $"raw-records-{++raw}.db"), Clients, data), null)),
                blocks: true).ConfigureAwait(false);
        }

        if (ThrowawayPostgres.FindBinaries() is not { } bin)
        {
            report.Note("batchcreate, PostgreSQL: not measured, no server binaries under /usr/lib/postgresql");
            return;
        }

        var server = await ThrowawayPostgres.StartAsync(bin).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            var connectionString = await server.CreateDatabaseAsync("bench_batchcreate").ConfigureAwait(false);
            host = await BenchApiHost.StartAsync(HostSettings("postgres", null, connectionString)).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                var raw = 0;
                await MeasureAsync("PostgreSQL", host, settings, report,
                    () => ReadPostgresRowAsync(connectionString),
                    async data =>
                    {
                        var source = NpgsqlDataSource.Create(await server.CreateDatabaseAsync($"bench_raw_records_{++raw}").ConfigureAwait(false));
                        return new RawRun(await PostgresRawRecordWriter.CreateAsync(source, Clients, data).ConfigureAwait(false), source);
                    },
                    blocks: false).ConfigureAwait(false);
            }
        }
    }

    private static Dictionary<string, string?> HostSettings(string provider, string? directory, string? postgres) => new()
    {
        ["Storage:Provider"] = provider,
        ["Storage:DataDirectory"] = directory,
        ["ConnectionStrings:Postgres"] = postgres,
        ["LocalBases:DemoBase"] = "false",
        ["LocalBases:AirtableParity"] = "false",
    };

    private static async Task MeasureAsync(string storage, BenchApiHost host, BenchSettings settings, Report report,
        Func<Task<string>> readStoredRow, Func<string, Task<RawRun>> createRaw, bool blocks)
    {
        using var setup = BenchHttp.NewClient(host.Address, null);
        var account = await BenchAccount.CreateAsync(setup).ConfigureAwait(false);
        using var owner = BenchHttp.NewClient(host.Address, account.AccessToken);
        using var key = BenchHttp.NewClient(host.Address, await BenchBase.CreateKeyAsync(owner, account.WorkspaceId, "write").ConfigureAwait(false));
        var one = await BenchBase.CreateAsync(owner, account.WorkspaceId, "Bench create").ConfigureAwait(false);
        var many = new List<BenchBase>();
        for (var i = 0; i < Clients; i++)
        {
            many.Add(await BenchBase.CreateAsync(owner, account.WorkspaceId, "Bench create " + i.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false));
        }

        var bodies = Enumerable.Range(0, Clients).Select(i => BenchBase.CreateBody(i * RecordsPerRequest, null)).ToArray();
        var linkedBodies = Enumerable.Range(0, Clients).Select(i => BenchBase.CreateBody(i * RecordsPerRequest, one.PeopleIds[i])).ToArray();
        var oneUri = new Uri($"v0/{one.Id}/{BenchBase.Tasks}", UriKind.Relative);
        var manyUris = many.Select(b => new Uri($"v0/{b.Id}/{BenchBase.Tasks}", UriKind.Relative)).ToArray();
        await BenchHttp.PostAsync(key, oneUri, bodies[0]).ConfigureAwait(false);
        var row = await readStoredRow().ConfigureAwait(false);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"batchcreate, {storage}: request body {bodies[0].Length:#,0} bytes for 10 records (Name, Points, Status, Due, Notes; Owner link only in the profile row), stored row of one record {row.Length:#,0} characters; the baseline inserts that row"));

        await AddGrainRowAsync(host, account.UserId, many[0], storage, settings, report).ConfigureAwait(false);
        var writer = (host.Services.GetRequiredService<IRuntimeStorage>() as SqliteRuntimeStorage)?.Database.Writer;
        var window = settings.Window(1, 3);
        (string Name, string Figure, Func<int, Task> Operation)[] variants =
        [
            ("one base (one grain serializes every write)", "batchcreate", i => BenchHttp.PostAsync(key, oneUri, bodies[i])),
            ("8 bases, one per client", "batchcreate", i => BenchHttp.PostAsync(key, manyUris[i], bodies[i])),
            ("one base, each record also linked to one of 20 people (the inverse link rewrites that person)", "batchcreate (profile)", i => BenchHttp.PostAsync(key, oneUri, linkedBodies[i])),
        ];
        foreach (var (name, figure, operation) in variants)
        {
            var (writesBefore, commitsBefore) = (writer?.Writes ?? 0, writer?.Commits ?? 0);
            long requests = 0;
            var runs = await PairedRuns.MeasureAsync(settings.Runs,
                async () =>
                {
                    var result = await ClosedLoopLoad.RunAsync(Clients, 0, operation, window, yieldBetweenCalls: false).ConfigureAwait(false);
                    requests += result.Operations;
                    return result;
                },
                () => MeasureRawAsync(createRaw, row, window, blocks)).ConfigureAwait(false);
            var best = runs.BestSubject;
            var baseline = runs.BestBaseline;
            var records = best.PerSecond * RecordsPerRequest;
            var rawRecords = baseline.PerSecond * RecordsPerRequest;
            var main = figure == "batchcreate";
            report.Add(new ResultRow(figure, $"records/s, POST /v0 batch create of 10 records, {Clients} clients, {name}, {storage}",
                $"{Format.Rate(records)} records/s = {Format.Ratio(records / rawRecords)} raw (requests {best.Describe()})",
                $"raw ADO.NET, 8 writers, 10 rows a transaction: {Format.Rate(rawRecords)} records/s (transactions {baseline.Describe()})",
                main ? "≥ 5,000 records/s" : "—", main ? Verdict.AtLeast(records, TargetRecordsPerSecond) : "—"));
            var commits = writer is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; SQLite writer over all subject runs incl. warm-up: {writer.Writes - writesBefore:#,0} writes in {writer.Commits - commitsBefore:#,0} commits ({(double)(writer.Writes - writesBefore) / Math.Max(1, requests):0.00} writes per measured request)");
            report.Note($"batchcreate, {storage}, {name}: {runs.DescribeRuns()} (requests/s; ×10 for records); allocated per request {Format.Bytes(best.BytesPerOperation)}; " +
                $"thread-pool work items per request {best.WorkItemsPerOperation:0.00}; best run {best.Gc}{commits}");
        }
    }

    /// <summary>
    /// Profile: the grain's own share of a request, one caller in process, no HTTP: ten records
    /// created with <see cref="ILocalBaseGrain.WriteRecordsAsync"/>, each awaited (so the time
    /// includes this base's durable commits, and the allocations are the write's alone).
    /// </summary>
    private static async Task AddGrainRowAsync(BenchApiHost host, string userId, BenchBase bench, string storage, BenchSettings settings, Report report)
    {
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILocalBaseGrain>(bench.Id);
        var writes = Enumerable.Range(0, RecordsPerRequest)
            .Select(i => new RecordWrite(null, BenchBase.TaskFields(i, null).ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value), StringComparer.Ordinal)))
            .ToList();
        var caller = new Caller(userId, null);
        var options = new WriteOptions();
        var cost = await OperationTimer.MeasureAsync(() => grain.WriteRecordsAsync(BenchBase.Tasks, writes, options, caller),
            settings.Quick ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1), settings.Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        report.Add(new ResultRow("batchcreate (profile)", $"in process, one caller: ILocalBaseGrain.WriteRecordsAsync of 10 records, {storage}", cost.Describe(), "—", "—", "—"));
    }

    private static async Task<LoadResult> MeasureRawAsync(Func<string, Task<RawRun>> createRaw, string row, LoadWindow window, bool blocks)
    {
        var run = await createRaw(row).ConfigureAwait(false);
        try
        {
            var value = 0;
            return await ClosedLoopLoad.RunAsync(Clients, 0, i => run.Writers[i].WriteAsync(Interlocked.Increment(ref value)), window,
                yieldBetweenCalls: false, dedicatedThreads: blocks).ConfigureAwait(false);
        }
        finally
        {
            foreach (var writer in run.Writers)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            if (run.Source is not null)
            {
                await run.Source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private const string StoredRowSql = "SELECT data FROM grain_rows WHERE collection = 'records' AND data LIKE '%Check the edge cases%' LIMIT 1";

    private static async Task<string> ReadSqliteRowAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = StoredRowSql;
        return (string?)await command.ExecuteScalarAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("No stored task row found in the SQLite file.");
    }

    private static async Task<string> ReadPostgresRowAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(StoredRowSql, connection);
        return (string?)await command.ExecuteScalarAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("No stored task row found in PostgreSQL.");
    }

    private sealed record RawRun(IRawStateWriter[] Writers, NpgsqlDataSource? Source);
}
