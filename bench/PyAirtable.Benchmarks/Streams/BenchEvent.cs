namespace PyAirtable.Benchmarks.Streams;

/// <summary>A stream event: which of the benchmark's streams it is on, and when it was published (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
public sealed record BenchEvent(int Stream, long PublishedAt);
