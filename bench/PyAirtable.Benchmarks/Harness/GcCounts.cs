using System.Globalization;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>Collections per generation and total pause time so far, to say how much of a window the GC took.</summary>
internal sealed record GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>What happened between <paramref name="earlier"/> and this, in words.</summary>
    public string Since(GcCounts earlier) => string.Create(CultureInfo.InvariantCulture,
        $"GC: {Gen0 - earlier.Gen0} gen0, {Gen1 - earlier.Gen1} gen1, {Gen2 - earlier.Gen2} gen2 collections, paused {Format.Duration(Paused - earlier.Paused)} in total");
}
