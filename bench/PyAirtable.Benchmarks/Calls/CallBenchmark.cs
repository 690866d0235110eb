using PyAirtable.Benchmarks.Harness;
using PyAirtable.Runtime.Hosting;

namespace PyAirtable.Benchmarks.Calls;

/// <summary>
/// Figure 1: local grain calls per second, and their latency, with 1, 64 and 1,024 callers spread
/// at random over 10,000 activated grains; the baseline calls the same method through the same
/// interface on 10,000 plain objects with the same callers. Every caller goes back to the thread
/// pool before each call (see <see cref="ClosedLoopLoad"/>), in both cases.
/// </summary>
internal sealed class CallBenchmark : IBenchmark
{
    private const int Grains = 10_000;
    private const double TargetRate = 1_000_000;
    private const double TargetP99Nanoseconds = 1_000_000;

    public string Name => "calls";

    public string Description => "1. local grain calls/s and p50/p99 with 1, 64 and 1,024 callers over 10,000 grains, vs plain objects";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var silo = await InProcessSilo.StartAsync(builder => builder.AddGrainClasses(typeof(PingGrain)).UseMemoryStorage()).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            var grains = new IPingGrain[Grains];
            var plain = new IPingGrain[Grains];
            for (var i = 0; i < Grains; i++)
            {
                grains[i] = silo.GrainFactory.GetGrain<IPingGrain>($"ping-{i}");
                plain[i] = new PlainPing();
                await grains[i].AddAsync(0).ConfigureAwait(false);
            }

            var window = settings.Window(1, 3);
            foreach (var callers in (int[])[1, 64, 1024])
            {
                var runs = await PairedRuns.MeasureAsync(settings.Runs,
                    () => ClosedLoopLoad.RunAsync(callers, Grains, i => grains[i].AddAsync(1), window, yieldBetweenCalls: true),
                    () => ClosedLoopLoad.RunAsync(callers, Grains, i => plain[i].AddAsync(1), window, yieldBetweenCalls: true)).ConfigureAwait(false);
                var best = runs.BestSubject;
                var p99 = best.Latency.Percentile(99);
                var (target, verdict) = callers == 64
                    ? ("≥ 1.00 M/s, p99 ≤ 1 ms", Verdict.Both(Verdict.AtLeast(best.PerSecond, TargetRate), Verdict.AtMost(p99, TargetP99Nanoseconds)))
                    : ("p99 ≤ 1 ms (rate target is for 64 callers)", Verdict.AtMost(p99, TargetP99Nanoseconds));
                report.Add(new ResultRow("1", $"grain calls, {callers} caller(s), synchronous method", best.Describe(), runs.BestBaseline.Describe(), target, verdict));
                report.Note($"calls, {callers} caller(s): {runs.DescribeRuns()}; allocated per call {Format.Bytes(best.BytesPerOperation)} (baseline {Format.Bytes(runs.BestBaseline.BytesPerOperation)}); " +
                    $"max latency {Format.Nanoseconds(best.Latency.MaxNanoseconds)} (baseline {Format.Nanoseconds(runs.BestBaseline.Latency.MaxNanoseconds)}); " +
                    $"in the best run's {Format.Duration(best.Elapsed)} window {best.Gc} (baseline {runs.BestBaseline.Gc})");
            }

            var few = grains[..100];
            var fewPlain = plain[..100];
            var hot = await PairedRuns.MeasureAsync(settings.Runs,
                () => ClosedLoopLoad.RunAsync(64, few.Length, i => few[i].AddAsync(1), window, yieldBetweenCalls: true),
                () => ClosedLoopLoad.RunAsync(64, fewPlain.Length, i => fewPlain[i].AddAsync(1), window, yieldBetweenCalls: true)).ConfigureAwait(false);
            report.Add(new ResultRow("1 (profile)", "grain calls, 64 callers, synchronous method, over 100 grains instead of 10,000", hot.BestSubject.Describe(),
                hot.BestBaseline.Describe(), "—", "—"));
            report.Note($"calls over 100 grains, 64 callers: {hot.DescribeRuns()}; {hot.BestSubject.Gc}");

            foreach (var callers in (int[])[1, 64])
            {
                var runs = await PairedRuns.MeasureAsync(settings.Runs,
                    () => ClosedLoopLoad.RunAsync(callers, Grains, i => grains[i].AddAfterYieldAsync(1), window, yieldBetweenCalls: true),
                    () => ClosedLoopLoad.RunAsync(callers, Grains, i => plain[i].AddAfterYieldAsync(1), window, yieldBetweenCalls: true)).ConfigureAwait(false);
                report.Add(new ResultRow("1 (profile)", $"grain calls, {callers} caller(s), method awaits once", runs.BestSubject.Describe(),
                    runs.BestBaseline.Describe(), "—", "—"));
                report.Note($"awaiting calls, {callers} caller(s): {runs.DescribeRuns()}; allocated per call {Format.Bytes(runs.BestSubject.BytesPerOperation)} (baseline {Format.Bytes(runs.BestBaseline.BytesPerOperation)})");
            }
        }
    }
}
