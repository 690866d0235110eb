namespace PyAirtable.Benchmarks.Harness;

/// <summary>How long a load runs before measuring, and how long it is measured.</summary>
internal sealed record LoadWindow(TimeSpan Warmup, TimeSpan Duration);
