using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using PyAirtable.Benchmarks.Activations;
using PyAirtable.Benchmarks.Calls;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>
/// The BenchmarkDotNet part: single-caller costs of a grain call, layer by layer, and of an
/// activation, with allocations per operation. Runs in process (no generated project) with a
/// short job; its own log goes to the work directory.
/// </summary>
internal sealed class MicroBenchmarks : IBenchmark
{
    public string Name => "micro";

    public string Description => "1 and 2 (BenchmarkDotNet): ns and bytes per call, layer by layer, and per activation, one caller";

    public Task RunAsync(BenchSettings settings, Report report)
    {
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithIterationTime(TimeInterval.FromMilliseconds(settings.Quick ? 50 : 250));
        Progress.Write("BenchmarkDotNet: call layers");
        AddRows(report, "1 (micro)", BenchmarkRunner.Run<CallMicroBenchmarks>(Config(settings, job)));
        Progress.Write("BenchmarkDotNet: activations");
        var activationJob = job.WithInvocationCount(settings.Quick ? 2_000 : 20_000).WithUnrollFactor(1);
        AddRows(report, "2 (micro)", BenchmarkRunner.Run<ActivationMicroBenchmarks>(Config(settings, activationJob)));
        return Task.CompletedTask;
    }

    private static ManualConfig Config(BenchSettings settings, Job job) => ManualConfig.CreateEmpty()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddLogger(new ErrorLogger())
        .WithArtifactsPath(Path.Combine(settings.WorkDirectory, "BenchmarkDotNet"))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    private static void AddRows(Report report, string figure, BenchmarkDotNet.Reports.Summary summary)
    {
        var results = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => (Case: r.BenchmarkCase, Median: r.ResultStatistics!.Median, Allocated: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)))
            .ToList();
        if (results.Count == 0)
        {
            report.Note($"{figure}: BenchmarkDotNet produced no results; see its log under the work directory.");
            return;
        }

        var baseline = results.FirstOrDefault(r => r.Case.Descriptor.Baseline);
        string Describe((BenchmarkCase Case, double Median, long? Allocated) r) =>
            $"{Format.Nanoseconds(r.Median)}, {Format.Bytes(r.Allocated ?? 0)}/op";

        foreach (var result in results.Where(r => !r.Case.Descriptor.Baseline))
        {
            report.Add(new ResultRow(figure, result.Case.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), Describe(result),
                baseline.Case is null ? "—" : Describe(baseline), "—", "—"));
        }
    }
}
