using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PyAirtable.Benchmarks.Auth;

namespace PyAirtable.Benchmarks.Gateway;

/// <summary>
/// A simulated Airtable (a PyAirtable silo in parity mode, its API keys standing in for PATs) and a
/// gateway silo pointed at it, both in process on loopback ports, and helpers to make bases on one
/// and connect them on the other.
/// </summary>
internal sealed class GatewayWorld : IAsyncDisposable
{
    private static readonly string[] s_allScopes = ["read", "write", "admin"];

    private GatewayWorld(BenchApiHost airtable, BenchApiHost gateway)
    {
        AirtableHost = airtable;
        GatewayHost = gateway;
    }

    public BenchApiHost AirtableHost { get; }

    public BenchApiHost GatewayHost { get; }

    public static async Task<GatewayWorld> StartAsync(IReadOnlyDictionary<string, string?>? gatewaySettings = null)
    {
        var airtable = await BenchApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["LocalBases:AirtableParity"] = "true",
            ["LocalBases:PenaltySeconds"] = "30",
            ["LocalBases:DemoBase"] = "false",
        }).ConfigureAwait(false);
        var settings = new Dictionary<string, string?>
        {
            ["Airtable:ApiBaseUrl"] = airtable.Address.ToString(),
            ["Airtable:QueueTimeoutSeconds"] = "25",
            // Change-detection polls would count as upstream calls of the mix; the figures are about client traffic.
            ["Airtable:PollIntervalSeconds"] = "0",
            ["Runtime:CallTimeout"] = "00:02:00",
            ["LocalBases:DemoBase"] = "false",
        };
        foreach (var (key, value) in gatewaySettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new GatewayWorld(airtable, await BenchApiHost.StartAsync(settings).ConfigureAwait(false));
    }

    public static HttpClient Client(Uri address, string? token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(3),
        DefaultRequestHeaders = { Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>A base with a table <c>Items</c> (Name, Value) of <paramref name="records"/> records on the simulator, connected on the gateway.</summary>
    public async Task<Connected> ConnectAsync(int records)
    {
        using var setupAirtable = Client(AirtableHost.Address, null);
        var owner = await BenchAccount.CreateAsync(setupAirtable).ConfigureAwait(false);
        var pat = (await BenchAccount.SendAsync(setupAirtable, HttpMethod.Post, $"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "pat", scopes = s_allScopes }, owner.AccessToken, HttpStatusCode.Created).ConfigureAwait(false))
            .GetProperty("key").GetString()!;
        var tables = new object[] { new { name = "Items", fields = new object[] { new { name = "Name", type = "singleLineText" }, new { name = "Value", type = "number", options = new { precision = 0 } } } } };
        var created = await BenchAccount.SendAsync(setupAirtable, HttpMethod.Post, "v0/meta/bases", new { name = "Bench", workspaceId = owner.WorkspaceId, tables }, pat, HttpStatusCode.OK).ConfigureAwait(false);
        var baseId = created.GetProperty("id").GetString()!;
        var ids = new List<string>();
        for (var i = 0; i < records; i += 10)
        {
            await Task.Delay(220).ConfigureAwait(false); // 5 requests a second per base at the simulator
            var batch = Enumerable.Range(i, Math.Min(10, records - i)).Select(n => new { fields = new { Name = $"Item {n}", Value = 0 } }).ToArray();
            var written = await BenchAccount.SendAsync(setupAirtable, HttpMethod.Post, $"v0/{baseId}/Items", new { records = batch }, pat, HttpStatusCode.OK).ConfigureAwait(false);
            ids.AddRange(written.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
        }

        using var setupGateway = Client(GatewayHost.Address, null);
        var user = await BenchAccount.CreateAsync(setupGateway).ConfigureAwait(false);
        var key = (await BenchAccount.SendAsync(setupGateway, HttpMethod.Post, $"api/v1/workspaces/{user.WorkspaceId}/api-keys", new { name = "bench", scopes = s_allScopes }, user.AccessToken, HttpStatusCode.Created).ConfigureAwait(false))
            .GetProperty("key").GetString()!;
        var connection = await BenchAccount.SendAsync(setupGateway, HttpMethod.Post, $"api/v1/workspaces/{user.WorkspaceId}/connections", new { name = "Airtable", token = pat }, user.AccessToken, HttpStatusCode.Created).ConfigureAwait(false);
        await BenchAccount.SendAsync(setupGateway, HttpMethod.Post, $"api/v1/workspaces/{user.WorkspaceId}/bases", new { connectionId = connection.GetProperty("id").GetString(), baseId }, user.AccessToken, HttpStatusCode.Created).ConfigureAwait(false);
        await Task.Delay(1100).ConfigureAwait(false); // let the simulator's window for this base and key empty
        return new Connected(baseId, pat, key, user.AccessToken, user.WorkspaceId, ids);
    }

    /// <summary>The gateway's counters for a base.</summary>
    public async Task<JsonElement> StatisticsAsync(Connected connected)
    {
        ArgumentNullException.ThrowIfNull(connected);
        using var client = Client(GatewayHost.Address, connected.OwnerToken);
        var details = await client.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{connected.WorkspaceId}/bases/{connected.BaseId}").ConfigureAwait(false);
        return details.GetProperty("gateway");
    }

    public async ValueTask DisposeAsync()
    {
        await GatewayHost.DisposeAsync().ConfigureAwait(false);
        await AirtableHost.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A connected base: its id, the simulator key the connection uses (the "PAT"), the gateway key, and its record ids.</summary>
    internal sealed record Connected(string BaseId, string Pat, string Key, string OwnerToken, string WorkspaceId, IReadOnlyList<string> RecordIds);
}
