using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Api.V0;
using PyAirtable.Benchmarks.Auth;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// The list request's pieces in process, one caller, no HTTP: the grain call that selects and
/// shapes the page (with and without the filter), and serializing that page the way the endpoint
/// does (<see cref="V0Json"/>'s options, each record through <see cref="V0Json.Record"/>).
/// </summary>
internal static class V0ListProfile
{
    public static async Task AddRowsAsync(BenchApiHost host, BenchBase bench, string filter, BenchSettings settings, Report report)
    {
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILocalBaseGrain>(bench.Id);
        var filtered = new RecordQuery { PageSize = 100, FilterByFormula = filter };
        var unfiltered = new RecordQuery { PageSize = 100 };
        var cold = 0;
        var page = await grain.ListRecordsAsync(BenchBase.Tasks, filtered).ConfigureAwait(false);
        var warmup = settings.Quick ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        var duration = settings.Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(2);
        (string Name, Func<Task> Operation)[] pieces =
        [
            ("ILocalBaseGrain.ListRecordsAsync, pageSize=100 with the filter, repeated (select, or reuse the selection, shape 100 records, remember an offset)", () => grain.ListRecordsAsync(BenchBase.Tasks, filtered)),
            ("ILocalBaseGrain.ListRecordsAsync, pageSize=100, the filter with a new text each call (no selection reused)", () => grain.ListRecordsAsync(BenchBase.Tasks, new RecordQuery { PageSize = 100, FilterByFormula = V0ListBenchmark.ColdFilter(++cold) })),
            ("ILocalBaseGrain.ListRecordsAsync, pageSize=100, no filter", () => grain.ListRecordsAsync(BenchBase.Tasks, unfiltered)),
            ("serialize that page as the endpoint does (V0Json.Record per record, V0Json.Options)", () =>
            {
                JsonSerializer.SerializeToUtf8Bytes(new { records = page.Records.Select(V0Json.Record).ToList(), offset = page.Offset }, V0Json.Options);
                return Task.CompletedTask;
            }),
        ];
        foreach (var (name, operation) in pieces)
        {
            var cost = await OperationTimer.MeasureAsync(operation, warmup, duration).ConfigureAwait(false);
            report.Add(new ResultRow("v0list (profile)", "in process, one caller: " + name, cost.Describe(), "—", "—", "—"));
        }
    }
}
