namespace PyAirtable.Benchmarks.Harness;

/// <summary>How a benchmark run is shaped: how often each measurement repeats, whether to shorten everything, where files go.</summary>
internal sealed record BenchSettings(int Runs, bool Quick, string WorkDirectory)
{
    /// <summary>A warm-up and measuring window, a tenth as long in quick mode (for checking that things work, not for figures).</summary>
    public LoadWindow Window(double warmupSeconds, double measureSeconds)
    {
        var scale = Quick ? 0.1 : 1.0;
        return new LoadWindow(TimeSpan.FromSeconds(warmupSeconds * scale), TimeSpan.FromSeconds(measureSeconds * scale));
    }

    /// <summary>A count, a tenth as large in quick mode.</summary>
    public int Count(int count) => Quick ? Math.Max(1, count / 10) : count;
}
