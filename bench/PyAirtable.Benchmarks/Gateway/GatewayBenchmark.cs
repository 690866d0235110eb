using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using PyAirtable.Benchmarks.Harness;

namespace PyAirtable.Benchmarks.Gateway;

/// <summary>
/// Issue 5: the gateway against a simulated Airtable (a PyAirtable silo in parity mode: 5
/// requests a second per base, 50 per key, 429 and a 30 s penalty), each figure next to the same
/// load sent straight at the simulator or through a gateway without its cache, in one run.
/// </summary>
internal sealed class GatewayBenchmark : IBenchmark
{
    private const int BurstWorkers = 20;
    private const int MixClients = 10;
    private const int MixRecords = 1000;

    public string Name => "gateway";

    public string Description => "issue 5: bursts, a read-heavy mix and identical reads through the Airtable gateway vs straight at a parity server";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        // Consistency comes from invalidation on writes (and, later, change detection), not from the
        // lifetime; an hour keeps expiry out of a run that the 5 requests/s upstream makes minutes long.
        var world = await GatewayWorld.StartAsync(new Dictionary<string, string?> { ["Airtable:CacheSeconds"] = "3600" }).ConfigureAwait(false);
        await using (world.ConfigureAwait(false))
        {
            await MeasureBurstAsync(world, settings, report).ConfigureAwait(false);
            await MeasureIdenticalReadsAsync(world, report).ConfigureAwait(false);
            await MeasureMixAsync(world, settings, report, cached: true).ConfigureAwait(false);
        }

        var uncached = await GatewayWorld.StartAsync(new Dictionary<string, string?> { ["Airtable:CacheSeconds"] = "0" }).ConfigureAwait(false);
        await using (uncached.ConfigureAwait(false))
        {
            await MeasureMixAsync(uncached, settings, report, cached: false).ConfigureAwait(false);
        }
    }

    /// <summary>Distinct reads (no cache can help) from 20 workers, through the gateway and then straight at the simulator.</summary>
    private static async Task MeasureBurstAsync(GatewayWorld world, BenchSettings settings, Report report)
    {
        var reads = settings.Quick ? 60 : 500;
        var viaGateway = await world.ConnectAsync(10).ConfigureAwait(false);
        var gateway = await BurstAsync(world.GatewayHost.Address, viaGateway.Key, viaGateway.BaseId, reads).ConfigureAwait(false);
        var statistics = await world.StatisticsAsync(viaGateway).ConfigureAwait(false);
        var direct = await world.ConnectAsync(10).ConfigureAwait(false);
        var straight = await BurstAsync(world.AirtableHost.Address, direct.Pat, direct.BaseId, reads).ConfigureAwait(false);

        var share = gateway.CompletedPerSecond / 5.0;
        report.Add(new ResultRow("gateway", $"burst of {reads} distinct reads, {BurstWorkers} workers: 429s seen by the caller",
            $"**{gateway.Limited}** ({gateway.Completed} completed, other failures {gateway.Failed}; the gateway saw {statistics.GetProperty("rateLimited").GetInt64()} 429s upstream)",
            $"straight at the parity server: {straight.Limited} ({straight.Completed} completed)", "0", Verdict.AtMost(gateway.Limited, 0)));
        report.Add(new ResultRow("gateway", $"burst of {reads} distinct reads, {BurstWorkers} workers: completed requests/s",
            $"**{gateway.CompletedPerSecond:0.00}/s = {Format.Percent(100 * share)} of 5/s** in {gateway.Elapsed.TotalSeconds:0.0} s (p50 {Format.Duration(gateway.P50)}, p99 {Format.Duration(gateway.P99)})",
            $"straight: {straight.CompletedPerSecond:0.00}/s completed in {straight.Elapsed.TotalSeconds:0.0} s", "≥ 98 % of 5/s", Verdict.AtLeast(share, 0.98)));
    }

    private static async Task<BurstResult> BurstAsync(Uri address, string token, string baseId, int reads)
    {
        using var client = GatewayWorld.Client(address, token);
        var next = -1;
        var limited = 0;
        var completed = 0;
        var failed = 0;
        var latencies = new ConcurrentBag<TimeSpan>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, BurstWorkers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < reads)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri($"v0/{baseId}/Items?filterByFormula=%7BValue%7D%3E%3D{i}&maxRecords=3", UriKind.Relative)).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started));
                _ = response.StatusCode switch
                {
                    HttpStatusCode.OK => Interlocked.Increment(ref completed),
                    HttpStatusCode.TooManyRequests => Interlocked.Increment(ref limited),
                    _ => Interlocked.Increment(ref failed),
                };
            }
        })).ConfigureAwait(false);
        watch.Stop();
        var sorted = latencies.Order().ToList();
        return new BurstResult(completed, limited, failed, watch.Elapsed, sorted[sorted.Count / 2], sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))]);
    }

    /// <summary>100 identical reads at once: through the gateway they are one upstream request.</summary>
    private static async Task MeasureIdenticalReadsAsync(GatewayWorld world, Report report)
    {
        var connected = await world.ConnectAsync(10).ConfigureAwait(false);
        var before = (await world.StatisticsAsync(connected).ConfigureAwait(false)).GetProperty("upstreamCalls").GetInt64();
        using var client = GatewayWorld.Client(world.GatewayHost.Address, connected.Key);
        var path = new Uri($"v0/{connected.BaseId}/Items?pageSize=10", UriKind.Relative);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await client.GetAsync(path).ConfigureAwait(false);
            return response.StatusCode;
        })).ConfigureAwait(false);
        var upstream = (await world.StatisticsAsync(connected).ConfigureAwait(false)).GetProperty("upstreamCalls").GetInt64() - before;

        var direct = await world.ConnectAsync(10).ConfigureAwait(false);
        using var straight = GatewayWorld.Client(world.AirtableHost.Address, direct.Pat);
        var directAnswers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await straight.GetAsync(new Uri($"v0/{direct.BaseId}/Items?pageSize=10", UriKind.Relative)).ConfigureAwait(false);
            return response.StatusCode;
        })).ConfigureAwait(false);
        report.Add(new ResultRow("gateway", "100 identical concurrent reads: upstream requests",
            $"**{upstream}** ({answers.Count(a => a == HttpStatusCode.OK)} of 100 answered 200)",
            $"straight at the parity server: 100 requests, {directAnswers.Count(a => a == HttpStatusCode.OK)} answered 200, {directAnswers.Count(a => a == HttpStatusCode.TooManyRequests)} got 429",
            "1", Verdict.AtMost(upstream, 1)));
    }

    /// <summary>
    /// 10 clients, 80 % record reads and 20 % record updates, records picked by Zipf (s = 1) over
    /// 1,000 records. Every update writes a new sequence number; a read that starts after an
    /// update of its record returned must see that number or a later one, else it is stale.
    /// </summary>
    private static async Task MeasureMixAsync(GatewayWorld world, BenchSettings settings, Report report, bool cached)
    {
        var warmup = cached ? (settings.Quick ? 150 : 1500) : 0;
        var operations = cached ? (settings.Quick ? 300 : 2000) : (settings.Quick ? 60 : 300);
        var connected = await world.ConnectAsync(MixRecords).ConfigureAwait(false);
        var mix = new Mix(connected, world, cached);
        var listed = await mix.ListAllAsync().ConfigureAwait(false);
        await mix.RunAsync(warmup).ConfigureAwait(false);
        var before = await world.StatisticsAsync(connected).ConfigureAwait(false);
        var phase = await mix.RunAsync(operations).ConfigureAwait(false);
        var after = await world.StatisticsAsync(connected).ConfigureAwait(false);
        long Delta(string name) => after.GetProperty(name).GetInt64() - before.GetProperty(name).GetInt64();
        var upstream = Delta("upstreamCalls");
        var upstreamReads = Math.Max(0, upstream - phase.Writes - Delta("rateLimited"));
        var readShare = phase.Reads == 0 ? 0 : (double)upstreamReads / phase.Reads;
        var clientShare = (double)upstream / Math.Max(1, phase.Reads + phase.Writes);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"after listing the table ({listed} pages) and {warmup} warm-up operations: {phase.Reads} reads, {phase.Writes} writes in {phase.Elapsed.TotalSeconds:0.0} s; {upstream} upstream calls = {Format.Percent(100 * clientShare)} of client calls (every write is one); upstream reads {upstreamReads} = **{Format.Percent(100 * readShare)} of client reads**; stale reads **{phase.Stale}**, failures {phase.Failures}; cache hits {Delta("cacheHits")}, coalesced {Delta("coalesced")}");
        if (cached)
        {
            report.Add(new ResultRow("gateway", "read-heavy mix (80 % reads, Zipf over 1,000 records, 10 clients), cache on", line,
                "the same mix with the cache off: next row", "upstream reads ≤ 10 % of client reads, 0 stale",
                Verdict.Both(Verdict.AtMost(readShare, 0.10), Verdict.AtMost(phase.Stale, 0))));
        }
        else
        {
            report.Add(new ResultRow("gateway (baseline)", "the same mix through a gateway with `Airtable:CacheSeconds=0` (coalescing only)", line, "—", "—", "—"));
        }
    }

    /// <summary>
    /// 10 clients, 80 % record reads and 20 % record updates, records picked by Zipf (s = 1) over
    /// 1,000 records. Every update writes a new sequence number; a read that starts after an
    /// update of its record returned must see that number or a later one, else it is stale.
    /// Updates of one record never overlap (a lock per record on the client side): with two in
    /// flight at once Airtable may apply them in either order, and no reader could say which value is current.
    /// </summary>
    private sealed class Mix(GatewayWorld.Connected connected, GatewayWorld world, bool cached)
    {
        private readonly Zipf _zipf = new(MixRecords, 1.0);
        private readonly long[] _committed = new long[MixRecords];
        private readonly SemaphoreSlim[] _writing = [.. Enumerable.Range(0, MixRecords).Select(_ => new SemaphoreSlim(1, 1))];
        private long _sequence;
        private int _round;

        /// <summary>Lists the whole table through the gateway, page by page, as a client opening it does; returns the number of pages.</summary>
        public async Task<int> ListAllAsync()
        {
            using var client = GatewayWorld.Client(world.GatewayHost.Address, connected.Key);
            string? offset = null;
            var pages = 0;
            do
            {
                var path = $"v0/{connected.BaseId}/Items" + (offset is null ? "" : "?offset=" + Uri.EscapeDataString(offset));
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}: {text}");
                }

                using var body = JsonDocument.Parse(text);
                offset = body.RootElement.TryGetProperty("offset", out var next) ? next.GetString() : null;
                pages++;
            }
            while (offset is not null);
            return pages;
        }

        public async Task<MixResult> RunAsync(int operations)
        {
            var round = Interlocked.Increment(ref _round);
            var next = -1;
            long reads = 0, writes = 0, stale = 0, failures = 0;
            using var client = GatewayWorld.Client(world.GatewayHost.Address, connected.Key);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, MixClients).Select(async worker =>
            {
                var random = new Random((worker * 7919) + (round * 104729) + (cached ? 1 : 2));
                while (Interlocked.Increment(ref next) < operations)
                {
                    var record = _zipf.Sample(random);
                    var path = new Uri($"v0/{connected.BaseId}/Items/{connected.RecordIds[record]}", UriKind.Relative);
                    if (random.NextDouble() < 0.8)
                    {
                        var floor = Volatile.Read(ref _committed[record]);
                        using var response = await client.GetAsync(path).ConfigureAwait(false);
                        Interlocked.Increment(ref reads);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref failures);
                            continue;
                        }

                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                        var value = body.RootElement.GetProperty("fields").TryGetProperty("Value", out var v) ? v.GetInt64() : 0;
                        if (value < floor)
                        {
                            Interlocked.Increment(ref stale);
                        }
                    }
                    else
                    {
                        await _writing[record].WaitAsync().ConfigureAwait(false);
                        try
                        {
                            var value = Interlocked.Increment(ref _sequence);
                            using var content = JsonContent(value);
                            using var response = await client.PatchAsync(path, content).ConfigureAwait(false);
                            Interlocked.Increment(ref writes);
                            if (response.StatusCode != HttpStatusCode.OK)
                            {
                                Interlocked.Increment(ref failures);
                                continue;
                            }

                            Volatile.Write(ref _committed[record], value);
                        }
                        finally
                        {
                            _writing[record].Release();
                        }
                    }
                }
            })).ConfigureAwait(false);
            watch.Stop();
            return new MixResult(reads, writes, stale, failures, watch.Elapsed);
        }
    }

    private sealed record MixResult(long Reads, long Writes, long Stale, long Failures, TimeSpan Elapsed);

    private static System.Net.Http.StringContent JsonContent(long value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{{\"fields\":{{\"Value\":{value}}}}}"), System.Text.Encoding.UTF8, "application/json");

    private sealed record BurstResult(int Completed, int Limited, int Failed, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99)
    {
        public double CompletedPerSecond => Completed / Elapsed.TotalSeconds;
    }

    /// <summary>Ranks 0…n-1 with probability ∝ 1/(rank+1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cumulative;

        public Zipf(int n, double s)
        {
            _cumulative = new double[n];
            var total = 0.0;
            for (var k = 0; k < n; k++)
            {
                total += 1.0 / Math.Pow(k + 1, s);
                _cumulative[k] = total;
            }

            for (var k = 0; k < n; k++)
            {
                _cumulative[k] /= total;
            }
        }

        public int Sample(Random random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(_cumulative.Length - 1, index < 0 ? ~index : index);
        }
    }
}
