using System.Diagnostics;
using PyAirtable.Benchmarks.Harness;

namespace PyAirtable.Benchmarks.Formulas;

/// <summary>
/// Passes over every record on the calling thread, for a warm-up and then a measured window; each
/// pass must count the expected matches. Allocations are the thread's own
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>); latencies are whole passes.
/// </summary>
internal static class RecordScan
{
    public static LoadResult Run<TRecord, TFilter>(TRecord[] records, TFilter filter, int expectedMatches, LoadWindow window)
        where TFilter : struct, IRecordFilter<TRecord>
    {
        var warming = Stopwatch.GetTimestamp();
        do
        {
            Pass(records, filter, expectedMatches);
        }
        while (Stopwatch.GetElapsedTime(warming) < window.Warmup);

        var passes = new LatencyHistogram();
        var gc = GcCounts.Now();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        long scanned = 0;
        do
        {
            var passStarted = Stopwatch.GetTimestamp();
            Pass(records, filter, expectedMatches);
            passes.Record(Stopwatch.GetTimestamp() - passStarted);
            scanned += records.Length;
        }
        while (Stopwatch.GetElapsedTime(started) < window.Duration);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new LoadResult(scanned, elapsed, passes, bytes, GcCounts.Now().Since(gc));
    }

    private static void Pass<TRecord, TFilter>(TRecord[] records, TFilter filter, int expectedMatches)
        where TFilter : struct, IRecordFilter<TRecord>
    {
        var matches = 0;
        foreach (var record in records)
        {
            if (filter.Matches(record))
            {
                matches++;
            }
        }

        if (matches != expectedMatches)
        {
            throw new InvalidOperationException($"A pass counted {matches} matches instead of {expectedMatches}.");
        }
    }
}
