using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>
/// Callers that each issue one operation, wait for it, and issue the next, for a warm-up and then
/// a measured window. Each caller records its own latencies; throughput is what completed inside
/// the window divided by the window.
/// </summary>
internal static class ClosedLoopLoad
{
    private const int Warming = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    /// <param name="callers">How many callers run at once.</param>
    /// <param name="targets">How many targets a caller picks from at random; 0 gives caller i target i.</param>
    /// <param name="operation">Runs one operation on the given target.</param>
    /// <param name="window">How long to warm up, then how long to measure.</param>
    /// <param name="yieldBetweenCalls">
    /// Whether a caller goes back to the thread pool before each call, as independent request
    /// handlers do. Without it, callers whose calls complete synchronously never interleave.
    /// </param>
    /// <param name="dedicatedThreads">Whether each caller gets its own thread (for blocking operations).</param>
    public static async Task<LoadResult> RunAsync(int callers, int targets, Func<int, Task> operation, LoadWindow window,
        bool yieldBetweenCalls, bool dedicatedThreads = false)
    {
        var phase = new StrongBox<int>(Warming);
        var histograms = new LatencyHistogram[callers];
        var tasks = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            var histogram = histograms[i] = new LatencyHistogram();
            var caller = i;
            tasks[i] = dedicatedThreads
                ? Task.Factory.StartNew(() => CallerAsync(caller, targets, operation, phase, histogram, yieldBetweenCalls).GetAwaiter().GetResult(),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                : Task.Run(() => CallerAsync(caller, targets, operation, phase, histogram, yieldBetweenCalls));
        }

        await Task.Delay(window.Warmup).ConfigureAwait(false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gc = GcCounts.Now();
        var workItems = ThreadPool.CompletedWorkItemCount;
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref phase.Value, Measuring);
        await Task.Delay(window.Duration).ConfigureAwait(false);
        Volatile.Write(ref phase.Value, Stopped);
        var elapsed = Stopwatch.GetElapsedTime(started);
        workItems = ThreadPool.CompletedWorkItemCount - workItems;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var collections = GcCounts.Now().Since(gc);
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var merged = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            merged.Add(histogram);
        }

        return new LoadResult(merged.Count, elapsed, merged, allocated, collections) { ThreadPoolWorkItems = workItems };
    }

    private static async Task CallerAsync(int caller, int targets, Func<int, Task> operation, StrongBox<int> phase,
        LatencyHistogram histogram, bool yieldBetweenCalls)
    {
        var random = (uint)(caller + 1) * 2654435761u;
        while (Volatile.Read(ref phase.Value) != Stopped)
        {
            if (yieldBetweenCalls)
            {
                await Task.Yield();
            }

            random ^= random << 13;
            random ^= random >> 17;
            random ^= random << 5;
            var target = targets == 0 ? caller : (int)(random % (uint)targets);
            var started = Stopwatch.GetTimestamp();
            await operation(target).ConfigureAwait(false);
            var ticks = Stopwatch.GetTimestamp() - started;
            if (Volatile.Read(ref phase.Value) == Measuring)
            {
                histogram.Record(ticks);
            }
        }
    }
}
