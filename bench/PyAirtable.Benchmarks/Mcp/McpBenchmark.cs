using System.Globalization;
using PyAirtable.Benchmarks.Auth;
using PyAirtable.Benchmarks.Bases;
using PyAirtable.Benchmarks.Harness;

namespace PyAirtable.Benchmarks.Mcp;

/// <summary>
/// Issue 6, section 5: <c>tools/call list_records</c> of 50 records over Streamable HTTP
/// (sessions, protocol 2025-11-25, read-scoped API key) with 1 and 16 clients, one session each,
/// next to the equivalent <c>GET /v0/{base}/Tasks?maxRecords=50</c> with the same key in the same run.
/// Local base on SQLite, 500 tasks; Airtable parity off.
/// </summary>
internal sealed class McpBenchmark : IBenchmark
{
    private const int TaskCount = 500;
    private const int Records = 50;
    private const double P50TargetMilliseconds = 2;
    private const double CallsTarget = 3000;

    public string Name => "mcp";

    public string Description => "issue 6: MCP tools/call list_records (50 records) over HTTP, 1 and 16 clients, vs the same /v0 GET";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var host = await BenchApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = Path.Combine(settings.WorkDirectory, "mcp"),
            ["LocalBases:DemoBase"] = "false",
            ["LocalBases:AirtableParity"] = "false",
        }).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            using var setup = BenchHttp.NewClient(host.Address, null);
            var account = await BenchAccount.CreateAsync(setup).ConfigureAwait(false);
            using var owner = BenchHttp.NewClient(host.Address, account.AccessToken);
            var bench = await BenchBase.CreateAsync(owner, account.WorkspaceId, "Bench MCP").ConfigureAwait(false);
            await bench.SeedTasksAsync(owner, TaskCount).ConfigureAwait(false);

            var arguments = $$"""{"baseId":"{{bench.Id}}","table":"{{BenchBase.Tasks}}","maxRecords":{{Records}}}""";
            var v0 = new Uri($"v0/{bench.Id}/{BenchBase.Tasks}?maxRecords={Records}", UriKind.Relative);
            using var key = BenchHttp.NewClient(host.Address, account.ApiKey);
            var probe = await McpSession.OpenAsync(key).ConfigureAwait(false);
            var answer = await probe.CallToolAsync(arguments, "list_records").ConfigureAwait(false);
            McpSession.CheckRecords(answer, Records);
            var v0Bytes = await BenchHttp.GetAsync(key, v0).ConfigureAwait(false);
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"mcp: base of {TaskCount} tasks (SQLite); each tools/call answer is one SSE event of {answer.Length:#,0} characters (structuredContent plus the same JSON as text); the /v0 answer is {v0Bytes:#,0} bytes"));

            var window = settings.Window(1, 3);
            foreach (var callers in (int[])[1, 16])
            {
                var sessions = new McpSession[callers];
                for (var i = 0; i < callers; i++)
                {
                    sessions[i] = await McpSession.OpenAsync(key).ConfigureAwait(false);
                }

                var runs = await PairedRuns.MeasureAsync(settings.Runs,
                    () => ClosedLoopLoad.RunAsync(callers, 0, caller => sessions[caller].CallToolQuietlyAsync(arguments, "list_records"), window, yieldBetweenCalls: false),
                    () => ClosedLoopLoad.RunAsync(callers, 0, _ => BenchHttp.GetAsync(key, v0), window, yieldBetweenCalls: false)).ConfigureAwait(false);
                var best = runs.BestSubject;
                var control = runs.BestBaseline;
                var p50 = best.Latency.Percentile(50) / 1e6;
                var (target, verdict) = callers == 1
                    ? ("p50 ≤ 2 ms", Verdict.AtMost(p50, P50TargetMilliseconds))
                    : ("≥ 3,000 calls/s", Verdict.AtLeast(best.PerSecond, CallsTarget));
                report.Add(new ResultRow("mcp", $"calls/s, tools/call list_records ({Records} records) over Streamable HTTP, session per client, API key, {callers} client(s)",
                    $"{best.Describe()} = {Format.Ratio(best.PerSecond / control.PerSecond)} /v0", $"GET /v0 list of {Records}, same key: {control.Describe()}", target, verdict));
                report.Note($"mcp, {callers} client(s): {runs.DescribeRuns()}; allocated per call {Format.Bytes(best.BytesPerOperation)} (/v0 {Format.Bytes(control.BytesPerOperation)}), client and server together; best run {best.Gc} (/v0 {control.Gc})");
            }
        }
    }
}
