using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Grains.Security;

namespace PyAirtable.Benchmarks.Auth;

/// <summary>
/// Issue 3: requests per second of a trivial endpoint called with a user's access token and with an
/// API key, each against the same endpoint called anonymously, over real HTTP to the real host,
/// alternating in one run; and the latency of sign-in with the configured PBKDF2 cost, against
/// PBKDF2 alone in the same process.
/// </summary>
internal sealed class AuthBenchmark : IBenchmark
{
    private const double TargetRatio = 0.8;
    private const int Logins = 20;

    public string Name => "auth";

    public string Description => "issue 3: trivial endpoint requests/s with an access token and an API key vs anonymous, over HTTP; login latency";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var host = await BenchApiHost.StartAsync().ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            using var setup = NewClient(host.Address, null);
            var account = await BenchAccount.CreateAsync(setup).ConfigureAwait(false);
            using var anonymous = NewClient(host.Address, null);
            using var user = NewClient(host.Address, account.AccessToken);
            using var key = NewClient(host.Address, account.ApiKey);
            await ExpectAsync(anonymous, BenchEndpoints.Anonymous, HttpStatusCode.OK).ConfigureAwait(false);
            await ExpectAsync(anonymous, BenchEndpoints.Authenticated, HttpStatusCode.Unauthorized).ConfigureAwait(false);
            await ExpectAsync(user, BenchEndpoints.Authenticated, HttpStatusCode.OK).ConfigureAwait(false);
            await ExpectAsync(key, BenchEndpoints.Authenticated, HttpStatusCode.OK).ConfigureAwait(false);

            var window = settings.Window(1, 3);
            foreach (var callers in (int[])[1, 16])
            {
                foreach (var (subject, client) in new[] { ("access token (JWT)", user), ("API key", key) })
                {
                    if (client == user)
                    {
                        // A fresh token per block, so long runs never outlive the 15-minute access-token lifetime.
                        user.DefaultRequestHeaders.Authorization = Bearer(await BenchAccount.LoginAsync(setup, account.Email, account.Password).ConfigureAwait(false));
                    }

                    var runs = await PairedRuns.MeasureAsync(settings.Runs,
                        () => LoadAsync(client, BenchEndpoints.Authenticated, callers, window),
                        () => LoadAsync(anonymous, BenchEndpoints.Anonymous, callers, window)).ConfigureAwait(false);
                    var best = runs.BestSubject;
                    var baseline = runs.BestBaseline;
                    var ratio = best.PerSecond / baseline.PerSecond;
                    report.Add(new ResultRow("auth", $"requests/s, trivial GET, {subject}, {callers} caller(s), HTTP/1.1 over loopback",
                        $"{best.Describe()} = {Format.Ratio(ratio)} anonymous", $"anonymous: {baseline.Describe()}", "≥ 0.8× anonymous", Verdict.AtLeast(ratio, TargetRatio)));
                    report.Note($"auth, {subject}, {callers} caller(s): {runs.DescribeRuns()}; allocated per request {Format.Bytes(best.BytesPerOperation)} " +
                        $"(anonymous {Format.Bytes(baseline.BytesPerOperation)}), client and server together; thread-pool work items per request {best.WorkItemsPerOperation:0.00} (anonymous {baseline.WorkItemsPerOperation:0.00}); p50 difference {Format.Nanoseconds(best.Latency.Percentile(50) - baseline.Latency.Percentile(50))}; " +
                        $"best run {best.Gc} (anonymous {baseline.Gc})");
                }
            }

            await MeasureCredentialOnAnonymousEndpointAsync(host, account, user.DefaultRequestHeaders.Authorization!.Parameter!, window, settings, report).ConfigureAwait(false);
            await MeasureLoginsAsync(host, setup, account, settings, report).ConfigureAwait(false);
            await AuthProfile.AddRowsAsync(host, account, user.DefaultRequestHeaders.Authorization!.Parameter!, settings, report).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The anonymous endpoint called with credentials, against itself without: the authentication
    /// middleware checks a bearer credential on every request, whatever the endpoint, so this is
    /// authentication without authorization. A header of the same length that the scheme ignores
    /// (not <c>Bearer</c>) shows what merely carrying it costs the client and Kestrel on these shared cores.
    /// </summary>
    private static async Task MeasureCredentialOnAnonymousEndpointAsync(BenchApiHost host, BenchAccount account, string accessToken, LoadWindow window,
        BenchSettings settings, Report report)
    {
        const int Callers = 16;
        using var anonymous = NewClient(host.Address, null);
        (string Name, AuthenticationHeaderValue Header)[] variants =
        [
            ("a header of the access token's length the scheme ignores (Basic …)", new AuthenticationHeaderValue("Basic", new string('x', accessToken.Length))),
            ("the access token (authenticated, not authorized)", Bearer(accessToken)),
            ("the API key (authenticated, not authorized)", Bearer(account.ApiKey)),
        ];
        foreach (var (name, header) in variants)
        {
            using var client = NewClient(host.Address, null);
            client.DefaultRequestHeaders.Authorization = header;
            var runs = await PairedRuns.MeasureAsync(settings.Runs,
                () => LoadAsync(client, BenchEndpoints.Anonymous, Callers, window),
                () => LoadAsync(anonymous, BenchEndpoints.Anonymous, Callers, window)).ConfigureAwait(false);
            report.Add(new ResultRow("auth (profile)", $"requests/s, the anonymous endpoint sent {name}, {Callers} callers",
                $"{runs.BestSubject.Describe()} = {Format.Ratio(runs.BestSubject.PerSecond / runs.BestBaseline.PerSecond)} anonymous",
                $"anonymous: {runs.BestBaseline.Describe()}", "—", "—"));
            report.Note($"auth, anonymous endpoint with {name}: {runs.DescribeRuns()}; allocated per request {Format.Bytes(runs.BestSubject.BytesPerOperation)} " +
                $"(without {Format.Bytes(runs.BestBaseline.BytesPerOperation)}); thread-pool work items per request {runs.BestSubject.WorkItemsPerOperation:0.00} (without {runs.BestBaseline.WorkItemsPerOperation:0.00})");
        }
    }

    /// <summary>
    /// Sequential sign-ins, each followed by one PBKDF2 verification of the same password at the same
    /// cost outside the API (alternating, so both see the same machine). Only failed sign-ins count
    /// towards throttling, so these never slow down.
    /// </summary>
    private static async Task MeasureLoginsAsync(BenchApiHost host, HttpClient client, BenchAccount account, BenchSettings settings, Report report)
    {
        var iterations = host.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.PasswordIterations;
        var stored = PasswordHasher.Hash(account.Password, iterations);
        await BenchAccount.LoginAsync(client, account.Email, account.Password).ConfigureAwait(false);
        PasswordHasher.Verify(account.Password, stored);
        var logins = new LatencyHistogram();
        var hashes = new LatencyHistogram();
        var count = settings.Count(Logins);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await BenchAccount.LoginAsync(client, account.Email, account.Password).ConfigureAwait(false);
            logins.Record(Stopwatch.GetTimestamp() - started);
            started = Stopwatch.GetTimestamp();
            if (!PasswordHasher.Verify(account.Password, stored))
            {
                throw new InvalidOperationException("PBKDF2 did not verify its own hash.");
            }

            hashes.Record(Stopwatch.GetTimestamp() - started);
        }

        report.Add(new ResultRow("auth", string.Create(CultureInfo.InvariantCulture, $"login latency, POST /api/v1/auth/login, {count} sequential, PBKDF2-SHA256 {iterations:#,0} iterations"),
            Describe(logins), $"PBKDF2 verify alone: {Describe(hashes)}", "recorded (slow on purpose), no target", "—"));
    }

    private static string Describe(LatencyHistogram latency) =>
        $"p50 {Format.Nanoseconds(latency.Percentile(50))}, p99 {Format.Nanoseconds(latency.Percentile(99))}";

    private static Task<LoadResult> LoadAsync(HttpClient client, string path, int callers, LoadWindow window)
    {
        var uri = new Uri(path, UriKind.Relative);
        return ClosedLoopLoad.RunAsync(callers, 0, _ => ExpectAsync(client, uri, HttpStatusCode.OK), window, yieldBetweenCalls: false);
    }

    private static Task ExpectAsync(HttpClient client, string path, HttpStatusCode expected) =>
        ExpectAsync(client, new Uri(path, UriKind.Relative), expected);

    private static async Task ExpectAsync(HttpClient client, Uri path, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(path).ConfigureAwait(false);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }

    /// <summary>One client per subject, each with its own connection pool; the credential rides in its default headers.</summary>
    private static HttpClient NewClient(Uri address, string? credential)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        if (credential is not null)
        {
            client.DefaultRequestHeaders.Authorization = Bearer(credential);
        }

        return client;
    }

    private static AuthenticationHeaderValue Bearer(string credential) => new("Bearer", credential);
}
