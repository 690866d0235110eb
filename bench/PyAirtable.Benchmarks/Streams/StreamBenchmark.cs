using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Storage.Sqlite;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Benchmarks.Streams;

/// <summary>
/// Figure 4: durable stream events per second from publish to handled by an implicit subscriber,
/// over 64 streams (one grain each), and the publish-to-handled latency at a fixed rate below
/// saturation. Baseline: one <see cref="Channel{T}"/> per stream with one consumer each, doing
/// the same handling, fed by the same publishers.
/// </summary>
internal sealed class StreamBenchmark : IBenchmark
{
    public const string Namespace = "bench";
    private const int Streams = 64;
    private const int CreditsPerStream = 256;
    private const double TargetRate = 20_000;

    public string Name => "streams";

    public string Description => "4. durable stream events/s publish→handled and p99 latency (memory and SQLite), vs Channels";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var run = 0;
        foreach (var (storageName, createStorage) in ((string, Func<IRuntimeStorage>)[])[
            ("memory", () => new MemoryRuntimeStorage()),
            ("SQLite", () => new SqliteRuntimeStorage(Path.Combine(settings.WorkDirectory, "streams-" + (++run).ToString(CultureInfo.InvariantCulture) + ".db")))])
        {
            var window = settings.Window(1, 4);
            var saturated = await PairedRuns.MeasureAsync(settings.Runs,
                () => WithSiloAsync(createStorage, report, (publish, probe) => SaturateAsync(publish, probe, window)),
                () => WithChannelsAsync((publish, probe) => SaturateAsync(publish, probe, window))).ConfigureAwait(false);
            var best = saturated.BestSubject;
            report.Add(new ResultRow("4", $"stream events/s publish→handled, {storageName} storage, {Streams} streams, publishers saturating",
                Format.Rate(best.PerSecond), Format.Rate(saturated.BestBaseline.PerSecond) + " (Channels)", "≥ 20 k/s", Verdict.AtLeast(best.PerSecond, TargetRate)));
            report.Note($"streams, {storageName}, saturating: {saturated.DescribeRuns()}");

            var rate = Math.Min(TargetRate, Math.Floor(best.PerSecond / 2 / 1000) * 1000);
            using var lag = new InstrumentRecorder("pyairtable.runtime.stream.lag");
            var paced = await PairedRuns.MeasureAsync(settings.Runs,
                () => WithSiloAsync(createStorage, report, (publish, probe) => PaceAsync(publish, probe, rate, window, lag)),
                () => WithChannelsAsync((publish, probe) => PaceAsync(publish, probe, rate, window, null))).ConfigureAwait(false);
            var fastest = paced.Subject.MinBy(r => r.Latency.Percentile(99))!;
            var fastestBaseline = paced.Baseline.MinBy(r => r.Latency.Percentile(99))!;
            report.Add(new ResultRow("4", $"stream delivery latency at {Format.Rate(rate)}, {storageName} storage",
                Latencies(fastest), Latencies(fastestBaseline) + " (Channels)", "— (p99 reported)", "—"));
            report.Note($"streams, {storageName}, paced at {Format.Rate(rate)}: p99 of runs {string.Join(", ", paced.Subject.Select(r => Format.Nanoseconds(r.Latency.Percentile(99))))}; " +
                $"baseline {string.Join(", ", paced.Baseline.Select(r => Format.Nanoseconds(r.Latency.Percentile(99))))}; " +
                $"the runtime's own pyairtable.runtime.stream.lag over those runs ({lag.Histogram.Count:N0} deliveries, own probe {paced.Subject.Sum(r => r.Latency.Count):N0}): " +
                $"p50 {Format.Nanoseconds(lag.Histogram.Percentile(50))}, p99 {Format.Nanoseconds(lag.Histogram.Percentile(99))}");
        }
    }

    private static string Latencies(LoadResult result) =>
        $"p50 {Format.Nanoseconds(result.Latency.Percentile(50))}, p99 {Format.Nanoseconds(result.Latency.Percentile(99))}, max {Format.Nanoseconds(result.Latency.MaxNanoseconds)}";

    private static async Task<LoadResult> WithSiloAsync(Func<IRuntimeStorage> createStorage, Report report,
        Func<Func<int, BenchEvent, Task>, StreamProbe, Task<LoadResult>> measure)
    {
        var probe = new StreamProbe(Streams, CreditsPerStream);
        var storage = createStorage();
        var silo = await InProcessSilo.StartAsync(
            builder => builder.AddGrainClasses(typeof(StreamSinkGrain)).UseStorage(_ => storage),
            services => services.AddSingleton(probe)).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            var streams = Enumerable.Range(0, Streams)
                .Select(i => silo.StreamProvider.GetStream<BenchEvent>(StreamId.Create(Namespace, "s" + i.ToString(CultureInfo.InvariantCulture))))
                .ToArray();
            var published = 0L;
            var result = await measure((stream, item) =>
            {
                Interlocked.Increment(ref published);
                return streams[stream].OnNextAsync(item);
            }, probe).ConfigureAwait(false);
            try
            {
                await silo.WaitForStreamsAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                report.Note($"streams, {storage.ProviderName}: not quiescent 60 s after publishing stopped");
            }

            if (storage is SqliteRuntimeStorage sqlite && probe.Handled > 0)
            {
                report.Note(string.Create(CultureInfo.InvariantCulture,
                    $"streams, SQLite: {sqlite.Database.Writer.Writes:N0} writes in {sqlite.Database.Writer.Commits:N0} commits for {probe.Handled:N0} events handled ({(double)sqlite.Database.Writer.Writes / probe.Handled:0.00} writes and {(double)sqlite.Database.Writer.Commits / probe.Handled:0.000} commits per event)"));
            }

            if (probe.Handled != Interlocked.Read(ref published))
            {
                report.Note($"streams, {storage.ProviderName}: published {published:N0} events, subscribers handled {probe.Handled:N0}");
            }

            if (silo.Streams.GetParkedSubscribers() is { Count: > 0 } parked)
            {
                report.Note($"streams, {storage.ProviderName}: {parked.Count} subscribers parked, first: {parked[0].Error}");
            }

            return result;
        }
    }

    private static async Task<LoadResult> WithChannelsAsync(Func<Func<int, BenchEvent, Task>, StreamProbe, Task<LoadResult>> measure)
    {
        var probe = new StreamProbe(Streams, CreditsPerStream);
        var channels = Enumerable.Range(0, Streams)
            .Select(_ => Channel.CreateUnbounded<BenchEvent>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        var consumers = channels.Select(channel => Task.Run(async () =>
        {
            await foreach (var item in channel.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                probe.OnHandled(item);
            }
        })).ToArray();
        var result = await measure((stream, item) => channels[stream].Writer.WriteAsync(item).AsTask(), probe).ConfigureAwait(false);
        foreach (var channel in channels)
        {
            channel.Writer.Complete();
        }

        await Task.WhenAll(consumers).ConfigureAwait(false);
        return result;
    }

    /// <summary>One publisher per stream publishes as fast as credits allow; throughput is what was handled inside the window.</summary>
    private static async Task<LoadResult> SaturateAsync(Func<int, BenchEvent, Task> publish, StreamProbe probe, LoadWindow window)
    {
        using var stop = new CancellationTokenSource();
        var publishers = Enumerable.Range(0, Streams).Select(stream => Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await probe.WaitForCreditAsync(stream, stop.Token).ConfigureAwait(false);
                    await publish(stream, new BenchEvent(stream, Stopwatch.GetTimestamp())).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The window is over.
            }
        })).ToArray();

        await Task.Delay(window.Warmup).ConfigureAwait(false);
        var handledBefore = probe.Handled;
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window.Duration).ConfigureAwait(false);
        var handled = probe.Handled - handledBefore;
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(publishers).ConfigureAwait(false);
        return new LoadResult(handled, elapsed, probe.Latency, 0);
    }

    /// <summary>Publishes at <paramref name="rate"/> events/s spread over the streams (open loop) and records publish-to-handled latency.</summary>
    private static async Task<LoadResult> PaceAsync(Func<int, BenchEvent, Task> publish, StreamProbe probe, double rate, LoadWindow window,
        InstrumentRecorder? lag)
    {
        var pending = new List<Task>();
        var sent = 0L;
        var started = Stopwatch.GetTimestamp();
        var total = window.Warmup + window.Duration;
        var handledBefore = 0L;
        while (Stopwatch.GetElapsedTime(started) is var elapsed && elapsed < total)
        {
            if (!probe.Recording && elapsed >= window.Warmup)
            {
                handledBefore = probe.Handled;
                probe.Recording = true;
                lag?.Recording = true;
            }

            var due = (long)(elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var stream = (int)(sent % Streams);
                var publishing = publish(stream, new BenchEvent(stream, Stopwatch.GetTimestamp()));
                if (!publishing.IsCompletedSuccessfully)
                {
                    pending.Add(publishing);
                }
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        while (probe.Handled < sent)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }

        probe.Recording = false;
        lag?.Recording = false;
        return new LoadResult(probe.Handled - handledBefore, window.Duration, probe.Latency, 0);
    }
}
