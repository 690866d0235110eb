using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>
/// One test's world: a base with a Tasks table on the simulator (its admin key standing in for a
/// PAT), and on the gateway a workspace whose connection uses that key and which has the base connected.
/// </summary>
public sealed class ConnectedBase
{
    private static readonly object[] s_tables =
    [
        new
        {
            name = "Tasks",
            fields = new object[] { new { name = "Name", type = "singleLineText" }, new { name = "Points", type = "number", options = new { precision = 0 } } },
        },
    ];

    private ConnectedBase(V0Base airtable, Api gateway, string ownerToken, string workspaceId, string key, string connectionId)
    {
        Airtable = airtable;
        Gateway = gateway;
        OwnerToken = ownerToken;
        WorkspaceId = workspaceId;
        Key = key;
        ConnectionId = connectionId;
    }

    /// <summary>The base as it is on the simulator, with the key the connection uses.</summary>
    public V0Base Airtable { get; }

    public Api Gateway { get; }

    public string OwnerToken { get; }

    public string WorkspaceId { get; }

    /// <summary>A gateway API key with read, write and admin scopes.</summary>
    public string Key { get; }

    public string ConnectionId { get; }

    public string BaseId => Airtable.BaseId;

    public string Path(string table = "Tasks") => $"/v0/{BaseId}/{Uri.EscapeDataString(table)}";

    public static async Task<ConnectedBase> CreateAsync(GatewayHost host, int records = 3)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Faults.Clear();
        var airtable = await V0Base.CreateAsync(new Api(host.Simulator.CreateClient()), s_tables);
        for (var i = 0; i < records; i += 10)
        {
            await airtable.CreateAsync("Tasks", Enumerable.Range(i, Math.Min(10, records - i)).Select(n => (object)new { Name = $"Task {n}", Points = n }).ToArray());
            await Task.Delay(250); // the simulator allows 5 requests a second per base
        }

        var gateway = new Api(host.CreateClient());
        var (_, owner) = await gateway.NewUserAsync();
        var workspaceId = await gateway.NewWorkspaceAsync(owner);
        var key = await V0Base.KeyAsync(gateway, owner, workspaceId, "read", "write", "admin");
        var connection = await gateway.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/connections", new { name = "Airtable", token = airtable.Key }, owner, HttpStatusCode.Created);
        var connectionId = connection.GetProperty("id").GetString()!;
        await gateway.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/bases", new { connectionId, baseId = airtable.BaseId }, owner, HttpStatusCode.Created);
        return new ConnectedBase(airtable, gateway, owner, workspaceId, key, connectionId);
    }

    /// <summary>
    /// A read straight at the simulator, after a second's pause: it shares the base's 5 requests
    /// a second with the gateway, which cannot space requests it does not send.
    /// </summary>
    public async Task<JsonElement> DirectGetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await Task.Delay(1100);
        return await Airtable.GetAsync(path, expected);
    }

    public Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, string? key = null) =>
        Gateway.JsonAsync(HttpMethod.Get, path, null, key ?? Key, expected);

    public Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        Gateway.JsonAsync(method, path, body, Key, expected);

    /// <summary>The gateway's counters for this base (<c>GET /api/v1/workspaces/{id}/bases/{baseId}</c>).</summary>
    public async Task<JsonElement> StatisticsAsync() =>
        (await Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{WorkspaceId}/bases/{BaseId}", null, OwnerToken)).GetProperty("gateway");

    public async Task<long> UpstreamCallsAsync() => (await StatisticsAsync()).GetProperty("upstreamCalls").GetInt64();
}
