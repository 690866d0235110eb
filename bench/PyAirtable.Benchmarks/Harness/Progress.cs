using System.Diagnostics;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>Progress lines on standard error, stamped with the time since start, so standard output stays the table.</summary>
internal static class Progress
{
    private static readonly long s_started = Stopwatch.GetTimestamp();

    public static void Write(string line) =>
        Console.Error.WriteLine($"[{Stopwatch.GetElapsedTime(s_started).TotalSeconds,6:0.0}s] {line}");
}
