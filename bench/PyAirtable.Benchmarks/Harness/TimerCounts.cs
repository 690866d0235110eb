using System.Globalization;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>A reading of <see cref="CountingTimeProvider"/>.</summary>
internal sealed record TimerCounts(long Created, long Changes, long ChangesUnderOneMillisecond, long Callbacks)
{
    public string Since(TimerCounts earlier, TimeSpan over) => string.Create(CultureInfo.InvariantCulture,
        $"runtime timers: {(Callbacks - earlier.Callbacks) / over.TotalSeconds:#,0} callbacks/s, {(Changes - earlier.Changes) / over.TotalSeconds:#,0} re-arms/s " +
        $"({(ChangesUnderOneMillisecond - earlier.ChangesUnderOneMillisecond) / over.TotalSeconds:#,0}/s for under 1 ms), {(Created - earlier.Created) / over.TotalSeconds:#,0} created/s");
}
