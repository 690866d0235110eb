namespace PyAirtable.Benchmarks.Harness;

/// <summary>What a load run measured: completed operations, the measuring window, latencies and allocations.</summary>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, LatencyHistogram Latency, long AllocatedBytes, string Gc = "")
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double BytesPerOperation => Operations == 0 ? 0 : (double)AllocatedBytes / Operations;

    /// <summary>Thread-pool work items completed inside the window (every hop from one thread to another is one); 0 when not counted.</summary>
    public long ThreadPoolWorkItems { get; init; }

    public double WorkItemsPerOperation => Operations == 0 ? 0 : (double)ThreadPoolWorkItems / Operations;

    public string Describe() =>
        $"{Format.Rate(PerSecond)} (p50 {Format.Nanoseconds(Latency.Percentile(50))}, p99 {Format.Nanoseconds(Latency.Percentile(99))})";
}
