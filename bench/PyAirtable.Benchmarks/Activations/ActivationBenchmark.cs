using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PyAirtable.Benchmarks.Calls;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Scheduler;

namespace PyAirtable.Benchmarks.Activations;

/// <summary>
/// Figure 2: activations per second (one caller per core, each calling grains with new keys) and
/// bytes per idle activation (heap after forced collections, before and after, over the count).
/// Baseline: the same callers put a new <see cref="PlainPing"/> (the grain's fields, no runtime)
/// into a dictionary under the same key and call it once.
/// </summary>
internal sealed class ActivationBenchmark : IBenchmark
{
    private const double TargetRate = 200_000;
    private const double TargetBytes = 2 * 1024;

    public string Name => "activations";

    public string Description => "2. activations/s and bytes per idle activation, vs new plain objects in a dictionary";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var count = settings.Count(100_000);

        // An unmeasured round first, so that the measured ones run JIT-optimized code.
        var warmup = new Report();
        await MeasureGrainsAsync(count / 5, warmup).ConfigureAwait(false);
        await MeasurePlainAsync(count / 5).ConfigureAwait(false);

        var grains = new List<Measured>();
        var plain = new List<Measured>();
        for (var run = 0; run < settings.Runs; run++)
        {
            grains.Add(await MeasureGrainsAsync(count, report).ConfigureAwait(false));
            plain.Add(await MeasurePlainAsync(count).ConfigureAwait(false));
        }

        var best = grains.MaxBy(m => m.PerSecond)!;
        var baseline = plain.MaxBy(m => m.PerSecond)!;
        var leanest = grains.MinBy(m => m.RetainedPerItem)!;
        var leanestBaseline = plain.MinBy(m => m.RetainedPerItem)!;
        report.Add(new ResultRow("2", $"activations/s, {count:N0} new grains, {Environment.ProcessorCount} callers", Format.Rate(best.PerSecond),
            Format.Rate(baseline.PerSecond), "≥ 200 k/s", Verdict.AtLeast(best.PerSecond, TargetRate)));
        report.Add(new ResultRow("2", "bytes per idle activation (retained)", Format.Bytes(leanest.RetainedPerItem),
            Format.Bytes(leanestBaseline.RetainedPerItem), "≤ 2 KB", Verdict.AtMost(leanest.RetainedPerItem, TargetBytes)));
        await ReportBreakdownAsync(report).ConfigureAwait(false);
        report.Note($"activations: runs {string.Join(", ", grains.Select(m => Format.Rate(m.PerSecond)))}, retained {string.Join(", ", grains.Select(m => Format.Bytes(m.RetainedPerItem)))}, " +
            $"allocated per activation {Format.Bytes(best.AllocatedPerItem)}; baseline runs {string.Join(", ", plain.Select(m => Format.Rate(m.PerSecond)))}, " +
            $"retained {string.Join(", ", plain.Select(m => Format.Bytes(m.RetainedPerItem)))}, allocated {Format.Bytes(baseline.AllocatedPerItem)}; " +
            $"during the best run {best.Gc} over {Format.Duration(TimeSpan.FromSeconds(count / best.PerSecond))}");
    }

    private static async Task<Measured> MeasureGrainsAsync(int count, Report report)
    {
        var silo = await InProcessSilo.StartAsync(builder => builder.AddGrainClasses(typeof(PingGrain)).UseMemoryStorage()).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            var measured = await MeasureAsync(count, key => silo.GrainFactory.GetGrain<IPingGrain>(key).AddAsync(1)).ConfigureAwait(false);
            var activations = silo.Runtime.Catalog.Count;
            if (activations != count)
            {
                report.Note($"activations: expected {count:N0} activations, the catalog holds {activations:N0}");
            }

            var stopping = Stopwatch.GetTimestamp();
            await silo.StopAsync().ConfigureAwait(false);
            var stopped = Stopwatch.GetElapsedTime(stopping);
            report.Note($"activations: stopping the silo deactivated {count:N0} grains in {Format.Duration(stopped)} ({Format.Rate(count / stopped.TotalSeconds)})");
            return measured;
        }
    }

    private static Task<Measured> MeasurePlainAsync(int count)
    {
        var objects = new ConcurrentDictionary<string, IPingGrain>(StringComparer.Ordinal);
        var measured = MeasureAsync(count, key => objects.GetOrAdd(key, static _ => new PlainPing()).AddAsync(1));
        return KeepAliveAsync(measured, objects);
    }

    private static async Task<Measured> KeepAliveAsync(Task<Measured> measuring, object keep)
    {
        var measured = await measuring.ConfigureAwait(false);
        GC.KeepAlive(keep);
        return measured;
    }

    /// <summary>Runs one caller per core over keys 1..count, each key once; measures time, allocations and what stays reachable.</summary>
    private static async Task<Measured> MeasureAsync(int count, Func<string, Task<int>> activate)
    {
        var keys = Enumerable.Range(0, count).Select(i => "act-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var before = Memory.Settled();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gc = GcCounts.Now();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var callers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                await activate(keys[index]).ConfigureAwait(false);
            }
        }));
        await Task.WhenAll(callers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GcCounts.Now().Since(gc);
        var after = Memory.Settled();
        GC.KeepAlive(keys);
        return new Measured(count / elapsed.TotalSeconds, (double)(after - before) / count, (double)allocated / count, collections);
    }

    /// <summary>What the objects behind one activation weigh, each constructed on its own (allocated bytes on this thread).</summary>
    private static async Task ReportBreakdownAsync(Report report)
    {
        var silo = await InProcessSilo.StartAsync(builder => builder.AddGrainClasses(typeof(PingGrain)).UseMemoryStorage()).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            var runtime = silo.Runtime;
            var grainClass = runtime.Registry.GetByTypeName("ping");
            var id = new GrainId("ping", "breakdown");
            report.Note("activations, bytes allocated per object: " + string.Join(", ",
                $"ActivationData with its fields {Format.Bytes(BytesEach(() => new ActivationData(runtime, id, grainClass)))}",
                $"of which ActivationScheduler {Format.Bytes(BytesEach(() => new ActivationScheduler()))}",
                $"TaskCompletionSource {Format.Bytes(BytesEach(() => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)))}",
                $"Queue<GrainRequest> {Format.Bytes(BytesEach(() => new Queue<object>()))}",
                $"List<long>(2) {Format.Bytes(BytesEach(() => new List<long>(2)))}",
                $"grain reference (DispatchProxy) {Format.Bytes(BytesEach(() => silo.GrainFactory.GetGrain<IPingGrain>("breakdown")))}",
                $"PlainPing {Format.Bytes(BytesEach(() => new PlainPing()))}"));
        }
    }

    private static double BytesEach(Func<object> create)
    {
        const int Count = 1_000;
        var keep = new object[Count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            keep[i] = create();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(keep);
        return (double)allocated / Count;
    }

    private sealed record Measured(double PerSecond, double RetainedPerItem, double AllocatedPerItem, string Gc);
}
