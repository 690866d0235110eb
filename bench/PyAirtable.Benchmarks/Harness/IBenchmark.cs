namespace PyAirtable.Benchmarks.Harness;

/// <summary>One of the figures: measures itself and its baseline, and adds rows to the report.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchSettings settings, Report report);
}
