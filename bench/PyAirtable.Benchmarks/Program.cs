using PyAirtable.Benchmarks.Activations;
using PyAirtable.Benchmarks.Auth;
using PyAirtable.Benchmarks.Bases;
using PyAirtable.Benchmarks.Calls;
using PyAirtable.Benchmarks.Formulas;
using PyAirtable.Benchmarks.Gateway;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Benchmarks.Mcp;
using PyAirtable.Benchmarks.Reminders;
using PyAirtable.Benchmarks.Storage;
using PyAirtable.Benchmarks.Streams;

IBenchmark[] benchmarks =
[
    new CallBenchmark(),
    new ActivationBenchmark(),
    new StateWriteBenchmark(),
    new StreamBenchmark(),
    new ReminderBenchmark(),
    new AuthBenchmark(),
    new FormulaBenchmark(),
    new GatewayBenchmark(),
    new V0ListBenchmark(),
    new BatchCreateBenchmark(),
    new McpBenchmark(),
    new MicroBenchmarks(),
];

var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--runs")).ToList();
var runs = ReadOption(args, "--runs") is { } runsText ? int.Parse(runsText, System.Globalization.CultureInfo.InvariantCulture) : 2;
var quick = args.Contains("--quick");
if (names.Count == 0)
{
    Console.Error.WriteLine("usage: PyAirtable.Benchmarks <name>|all [--runs N] [--quick]");
    foreach (var benchmark in benchmarks)
    {
        Console.Error.WriteLine($"  {benchmark.Name,-12} {benchmark.Description}");
    }

    return 2;
}

var selected = names.Contains("all") ? benchmarks : [.. benchmarks.Where(b => names.Contains(b.Name))];
if (selected.Length == 0)
{
    Console.Error.WriteLine($"No benchmark is named {string.Join(", ", names)}.");
    return 2;
}

var workDirectory = Directory.CreateTempSubdirectory("pyairtable-bench-").FullName;
var settings = new BenchSettings(runs, quick, workDirectory);
var report = new Report();
var machine = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
    $"best of {runs} run(s) per figure{(quick ? ", QUICK (not figures)" : "")}";
Progress.Write(machine);
var failed = false;
try
{
    foreach (var benchmark in selected)
    {
        Progress.Write($"== {benchmark.Name}: {benchmark.Description}");
        try
        {
            await benchmark.RunAsync(settings, report);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // One figure failing (a runtime bug, a missing server) must not lose the others.
            report.Note($"**{benchmark.Name} failed**: {exception}");
            failed = true;
        }
    }
}
finally
{
    Directory.Delete(workDirectory, recursive: true);
}

Console.WriteLine(machine);
Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
return failed ? 1 : 0;

static string? ReadOption(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
