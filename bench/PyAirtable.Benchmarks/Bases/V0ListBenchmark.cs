using System.Globalization;
using System.Net;
using System.Text.Json;
using PyAirtable.Benchmarks.Auth;
using PyAirtable.Benchmarks.Harness;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// Issue 4, figure 2: <c>GET /v0/{baseId}/Tasks?pageSize=100&amp;filterByFormula=…</c> answering
/// 100 records of a 2,000-record local base (SQLite), with a read-scoped API key over real HTTP,
/// against an endpoint on the same host and behind the same authorization that answers the bytes
/// of such a response precomputed. Airtable parity (rate limits) is off.
/// </summary>
internal sealed class V0ListBenchmark : IBenchmark
{
    private const double TargetRatio = 0.5;
    private const int TaskCount = 2000;
    public const string Filter = "AND({Status} = 'Done', {Points} > 3)";

    public string Name => "v0list";

    public string Description => "issue 4: /v0 list of 100 filtered records over HTTP (API key) vs a precomputed body of the same size";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var precomputed = new PrecomputedEndpoint();
        var host = await BenchApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = Path.Combine(settings.WorkDirectory, "v0list"),
            ["LocalBases:DemoBase"] = "false",
            ["LocalBases:AirtableParity"] = "false",
        }, precomputed.Map).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            using var setup = BenchHttp.NewClient(host.Address, null);
            var account = await BenchAccount.CreateAsync(setup).ConfigureAwait(false);
            using var owner = BenchHttp.NewClient(host.Address, account.AccessToken);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var bench = await BenchBase.CreateAsync(owner, account.WorkspaceId, "Bench list").ConfigureAwait(false);
            await bench.SeedTasksAsync(owner, TaskCount).ConfigureAwait(false);
            var seeded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var matching = BenchBase.DoneAndOverThree(TaskCount);

            using var key = BenchHttp.NewClient(host.Address, account.ApiKey);
            var list = new Uri($"v0/{bench.Id}/{BenchBase.Tasks}?pageSize=100&filterByFormula={Uri.EscapeDataString(Filter)}", UriKind.Relative);
            var page = await CheckPageAsync(key, list, matching).ConfigureAwait(false);
            precomputed.Body = page;
            var baseline = new Uri(PrecomputedEndpoint.Path, UriKind.Relative);
            if (await BenchHttp.GetAsync(key, baseline).ConfigureAwait(false) != page.Length)
            {
                throw new InvalidOperationException("The precomputed endpoint answered a body of another size.");
            }

            using (var anonymous = BenchHttp.NewClient(host.Address, null))
            using (var response = await anonymous.GetAsync(baseline).ConfigureAwait(false))
            {
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    throw new InvalidOperationException($"The precomputed endpoint answered {(int)response.StatusCode} without a key; it must authorize like /v0.");
                }
            }

            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"v0list: base of {TaskCount:#,0} tasks and 20 people (SQLite, seeded over /v0 in {seeded.TotalSeconds:0.0} s); filter {Filter} matches {matching} tasks; " +
                $"each answer is 100 records and an offset, {page.Length:#,0} bytes; fields per record: Name, Points, Status, Due, Notes, Owner (link), Score (formula {BenchBase.ScoreFormula})"));

            await V0ListProfile.AddRowsAsync(host, bench, Filter, settings, report).ConfigureAwait(false);
            var window = settings.Window(1, 3);
            foreach (var callers in (int[])[1, 16])
            {
                var runs = await PairedRuns.MeasureAsync(settings.Runs,
                    () => LoadAsync(key, list, callers, window),
                    () => LoadAsync(key, baseline, callers, window)).ConfigureAwait(false);
                var best = runs.BestSubject;
                var control = runs.BestBaseline;
                var ratio = best.PerSecond / control.PerSecond;
                report.Add(new ResultRow("v0list", $"requests/s, GET /v0 list, pageSize=100 with filterByFormula (100 of {matching} matching of {TaskCount:#,0}), API key, {callers} client(s), HTTP/1.1 over loopback",
                    $"{best.Describe()} = {Format.Ratio(ratio)} precomputed", $"precomputed body, same size and auth: {control.Describe()}", "≥ 0.5× precomputed", Verdict.AtLeast(ratio, TargetRatio)));
                report.Note($"v0list, {callers} client(s): {runs.DescribeRuns()}; allocated per request {Format.Bytes(best.BytesPerOperation)} (precomputed {Format.Bytes(control.BytesPerOperation)}), " +
                    $"client and server together; thread-pool work items per request {best.WorkItemsPerOperation:0.00} (precomputed {control.WorkItemsPerOperation:0.00}); best run {best.Gc} (precomputed {control.Gc})");
            }

            // Profile: a different filter text on every request (the same records match), so the
            // base never reuses a selection: what a query costs the first time it is asked.
            var cold = 0;
            var coldRuns = await PairedRuns.MeasureAsync(settings.Runs,
                () => ClosedLoopLoad.RunAsync(16, 0, _ => BenchHttp.GetAsync(key, ColdList(bench, Interlocked.Increment(ref cold))), window, yieldBetweenCalls: false),
                () => LoadAsync(key, baseline, 16, window)).ConfigureAwait(false);
            report.Add(new ResultRow("v0list (profile)", "requests/s, GET /v0 list, pageSize=100, the filter plus {Name} != 'n' with n new each request (no selection reused), API key, 16 clients",
                $"{coldRuns.BestSubject.Describe()} = {Format.Ratio(coldRuns.BestSubject.PerSecond / coldRuns.BestBaseline.PerSecond)} precomputed",
                $"precomputed: {coldRuns.BestBaseline.Describe()}", "—", "—"));
            report.Note($"v0list, cold filter, 16 clients: {coldRuns.DescribeRuns()}; allocated per request {Format.Bytes(coldRuns.BestSubject.BytesPerOperation)} (precomputed {Format.Bytes(coldRuns.BestBaseline.BytesPerOperation)})");

            // Profile: the same page without a filter, to split the filter's cost from the rest of the list.
            var unfiltered = new Uri($"v0/{bench.Id}/{BenchBase.Tasks}?pageSize=100", UriKind.Relative);
            var plain = await PairedRuns.MeasureAsync(settings.Runs,
                () => LoadAsync(key, unfiltered, 16, window),
                () => LoadAsync(key, baseline, 16, window)).ConfigureAwait(false);
            report.Add(new ResultRow("v0list (profile)", "requests/s, GET /v0 list, pageSize=100, no filter, API key, 16 clients",
                $"{plain.BestSubject.Describe()} = {Format.Ratio(plain.BestSubject.PerSecond / plain.BestBaseline.PerSecond)} precomputed",
                $"precomputed: {plain.BestBaseline.Describe()}", "—", "—"));
            report.Note($"v0list, no filter, 16 clients: {plain.DescribeRuns()}; allocated per request {Format.Bytes(plain.BestSubject.BytesPerOperation)} (precomputed {Format.Bytes(plain.BestBaseline.BytesPerOperation)})");
        }
    }

    /// <summary>Checks the first answer: 100 records, all matching, and an offset for the rest; returns its bytes.</summary>
    private static async Task<byte[]> CheckPageAsync(HttpClient client, Uri list, int matching)
    {
        using var response = await client.GetAsync(list).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /{list} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        using var document = JsonDocument.Parse(body);
        var records = document.RootElement.GetProperty("records");
        var wrong = records.EnumerateArray().Count(r => r.GetProperty("fields").GetProperty("Status").GetString() != "Done" || r.GetProperty("fields").GetProperty("Points").GetDouble() <= 3);
        if (matching < 100 || records.GetArrayLength() != 100 || wrong != 0 || !document.RootElement.TryGetProperty("offset", out _))
        {
            throw new InvalidOperationException($"The list answered {records.GetArrayLength()} records ({wrong} not matching the filter) for {matching} matching; expected 100 and an offset.");
        }

        return body;
    }

    /// <summary>The benchmark's filter with a condition that never excludes a task, its text new for each <paramref name="n"/>.</summary>
    public static Uri ColdList(BenchBase bench, int n) =>
        new($"v0/{bench.Id}/{BenchBase.Tasks}?pageSize=100&filterByFormula={Uri.EscapeDataString(ColdFilter(n))}", UriKind.Relative);

    public static string ColdFilter(int n) => $"AND({Filter[4..^1]}, {{Name}} != 'n{n.ToString(CultureInfo.InvariantCulture)}')";

    private static Task<LoadResult> LoadAsync(HttpClient client, Uri path, int callers, LoadWindow window) =>
        ClosedLoopLoad.RunAsync(callers, 0, _ => BenchHttp.GetAsync(client, path), window, yieldBetweenCalls: false);
}
