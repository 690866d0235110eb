using System.Globalization;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Storage;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>
/// Figure 3: durable state writes per second with 1 and 32 writers (each its own grain, each
/// awaiting its write before the next), against the same upsert issued with raw ADO.NET by the
/// same number of writers, each write its own transaction, with the same durability settings.
/// </summary>
internal sealed class StateWriteBenchmark : IBenchmark
{
    private const double TargetRatio = 0.9;

    public string Name => "writes";

    public string Description => "3. state writes/s with 1 and 32 writers on SQLite and PostgreSQL, vs raw ADO.NET upserts";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        await MeasureAsync(new SqliteTarget(settings.WorkDirectory), settings, report).ConfigureAwait(false);
        report.Note("writes, SQLite: the provider and the baseline use WAL with synchronous=FULL; files in the work directory on " + FileSystemOf(settings.WorkDirectory));

        if (ThrowawayPostgres.FindBinaries() is not { } bin)
        {
            report.Note("writes, PostgreSQL: not measured, no server binaries under /usr/lib/postgresql");
            return;
        }

        var server = await ThrowawayPostgres.StartAsync(bin).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            report.Note($"writes, PostgreSQL: throwaway server from {bin}, fsync={await server.ShowAsync("fsync").ConfigureAwait(false)}, " +
                $"synchronous_commit={await server.ShowAsync("synchronous_commit").ConfigureAwait(false)}, wal_sync_method={await server.ShowAsync("wal_sync_method").ConfigureAwait(false)}");
            await MeasureAsync(new PostgresTarget(server), settings, report).ConfigureAwait(false);
        }
    }

    private static async Task MeasureAsync(IStorageTarget target, BenchSettings settings, Report report)
    {
        var runNumber = 0;
        foreach (var writers in (int[])[1, 32])
        {
            var keys = Enumerable.Range(0, writers).Select(i => "w-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var window = settings.Window(1, 4);
            var runs = await PairedRuns.MeasureAsync(settings.Runs,
                () => MeasureRuntimeAsync(target, $"runtime-{writers}-{++runNumber}", keys, window),
                () => MeasureRawAsync(target, $"raw-{writers}-{++runNumber}", keys, window)).ConfigureAwait(false);
            var best = runs.BestSubject;
            var baseline = runs.BestBaseline;
            var ratio = best.PerSecond / baseline.PerSecond;
            report.Add(new ResultRow("3", $"state writes/s, {target.Name}, {writers} writer(s)", $"{best.Describe()} = {Format.Ratio(ratio)} baseline",
                baseline.Describe(), "≥ 0.9× baseline", Verdict.AtLeast(ratio, TargetRatio)));
            report.Note($"writes, {target.Name}, {writers} writer(s): {runs.DescribeRuns()}");
            if (writers == 1)
            {
                var direct = new List<LoadResult>();
                for (var run = 0; run < settings.Runs; run++)
                {
                    direct.Add(await MeasureProviderDirectlyAsync(target, $"direct-{writers}-{++runNumber}", keys, window).ConfigureAwait(false));
                }

                var bestDirect = direct.MaxBy(r => r.PerSecond)!;
                report.Add(new ResultRow("3 (profile)", $"state writes/s, {target.Name}, {writers} writer(s), provider called directly (no grain)",
                    $"{bestDirect.Describe()} = {Format.Ratio(bestDirect.PerSecond / baseline.PerSecond)} baseline", baseline.Describe(), "—", "—"));
                if (target is SqliteTarget sqlite)
                {
                    var shaped = new List<LoadResult>();
                    for (var run = 0; run < settings.Runs; run++)
                    {
                        var shapedWriters = sqlite.CreateTransactionShapedWriters($"shaped-{writers}-{++runNumber}", keys.Select(k => new GrainId("statewriter", k).ToString()).ToArray());
                        shaped.Add(await MeasureRawWritersAsync(shapedWriters, window, dedicatedThreads: true).ConfigureAwait(false));
                    }

                    var bestShaped = shaped.MaxBy(r => r.PerSecond)!;
                    report.Add(new ResultRow("3 (profile)", $"state writes/s, {target.Name}, {writers} writer(s), raw ADO.NET wrapped like the provider (BEGIN IMMEDIATE, SAVEPOINT, RELEASE, COMMIT) on the caller's thread",
                        $"{bestShaped.Describe()} = {Format.Ratio(bestShaped.PerSecond / baseline.PerSecond)} baseline", baseline.Describe(), "—", "—"));
                }
            }
        }
    }

    /// <summary>The provider's <see cref="IGrainStorage.WriteStateAsync"/> called without a grain: what the storage costs on its own.</summary>
    private static async Task<LoadResult> MeasureProviderDirectlyAsync(IStorageTarget target, string run, string[] keys, LoadWindow window)
    {
        var storage = await target.CreateRuntimeStorageAsync(run).ConfigureAwait(false);
        await using (storage.ConfigureAwait(false))
        {
            await storage.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
            var ids = keys.Select(k => new GrainId("statewriter", k)).ToArray();
            var states = keys.Select(_ => new GrainState<WriterState>(WriterState.For(0))).ToArray();
            var value = 0;
            return await ClosedLoopLoad.RunAsync(keys.Length, 0, i =>
            {
                states[i].State = WriterState.For(Interlocked.Increment(ref value));
                return storage.GrainStorage.WriteStateAsync(StateWriterGrain.StateName, ids[i], states[i]);
            }, window, yieldBetweenCalls: false).ConfigureAwait(false);
        }
    }

    private static string FileSystemOf(string directory)
    {
        var full = Path.GetFullPath(directory);
        var drive = DriveInfo.GetDrives().Where(d => full.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
            .MaxBy(d => d.RootDirectory.FullName.Length);
        return drive is null ? "(unknown file system)" : $"{drive.DriveFormat} ({drive.RootDirectory.FullName})";
    }

    private static async Task<LoadResult> MeasureRuntimeAsync(IStorageTarget target, string run, string[] keys, LoadWindow window)
    {
        var storage = await target.CreateRuntimeStorageAsync(run).ConfigureAwait(false);
        var silo = await InProcessSilo.StartAsync(builder => builder.AddGrainClasses(typeof(StateWriterGrain)).UseStorage(_ => storage)).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            var grains = keys.Select(silo.GrainFactory.GetGrain<IStateWriterGrain>).ToArray();
            var value = 0;
            return await ClosedLoopLoad.RunAsync(keys.Length, 0, i => grains[i].WriteAsync(Interlocked.Increment(ref value)), window,
                yieldBetweenCalls: false).ConfigureAwait(false);
        }
    }

    private static async Task<LoadResult> MeasureRawAsync(IStorageTarget target, string run, string[] keys, LoadWindow window)
    {
        var grainIds = keys.Select(k => new GrainId("statewriter", k).ToString()).ToArray();
        return await MeasureRawWritersAsync(await target.CreateRawWritersAsync(run, grainIds).ConfigureAwait(false), window, target.RawWritersBlock).ConfigureAwait(false);
    }

    private static async Task<LoadResult> MeasureRawWritersAsync(IRawStateWriter[] writers, LoadWindow window, bool dedicatedThreads)
    {
        try
        {
            var value = 0;
            return await ClosedLoopLoad.RunAsync(writers.Length, 0, i => writers[i].WriteAsync(Interlocked.Increment(ref value)), window,
                yieldBetweenCalls: false, dedicatedThreads).ConfigureAwait(false);
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
