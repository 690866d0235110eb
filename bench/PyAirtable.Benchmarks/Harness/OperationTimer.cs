using System.Diagnostics;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>
/// One caller repeating one operation for a while: time and bytes allocated per operation, for
/// attributing a cost to a piece. Coarser than BenchmarkDotNet, but it runs inside a live host.
/// </summary>
internal static class OperationTimer
{
    private const int Batch = 64;

    public static async Task<OperationCost> MeasureAsync(Func<Task> operation, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await RepeatAsync(operation, warmup).ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var count = await RepeatAsync(operation, duration).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new OperationCost(elapsed.TotalNanoseconds / count, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / count, count);
    }

    private static async Task<long> RepeatAsync(Func<Task> operation, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        long count = 0;
        do
        {
            for (var i = 0; i < Batch; i++)
            {
                await operation().ConfigureAwait(false);
            }

            count += Batch;
        }
        while (Stopwatch.GetElapsedTime(started) < duration);
        return count;
    }
}
