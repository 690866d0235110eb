namespace PyAirtable.Benchmarks.Harness;

/// <summary>One line of the results table: a figure, its baseline from the same run, the target and whether it is met.</summary>
internal sealed record ResultRow(string Figure, string Measurement, string Result, string Baseline, string Target, string Verdict);
