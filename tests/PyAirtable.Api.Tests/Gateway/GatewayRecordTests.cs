using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>The REST records endpoints on a connected base: batches of 10, partial failures, paging for the caller.</summary>
public sealed class GatewayRecordTests(GatewayHost host) : IClassFixture<GatewayHost>
{
    private static string Records(ConnectedBase world, string table = "Tasks") =>
        $"/api/v1/workspaces/{world.WorkspaceId}/bases/{world.BaseId}/tables/{Uri.EscapeDataString(table)}/records";

    private static string[] Names(JsonElement records) =>
        records.EnumerateArray().Select(r => r.GetProperty("fields").EnumerateObject().First(f => f.Value.ValueKind == JsonValueKind.String).Value.GetString()!).ToArray();

    private int Posts(ConnectedBase world) => host.Faults.Seen.Count(s => s.StartsWith($"POST /v0/{world.BaseId}/Tasks", StringComparison.Ordinal));

    [Fact]
    public async Task WritingTwentyFiveRecordsSendsThreeBatchesToAirtableInOrder()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 0);
        var names = Enumerable.Range(0, 25).Select(i => $"Item {i:00}").ToArray();

        var before = Posts(world);
        var written = await world.Gateway.JsonAsync(HttpMethod.Post, Records(world), new { records = names.Select(n => new { fields = new { Name = n } }) }, world.OwnerToken);

        Assert.Equal(3, Posts(world) - before);
        Assert.Equal(names, Names(written));
        var onAirtable = await world.DirectGetAsync(world.Path() + "?sort%5B0%5D%5Bfield%5D=Name");
        Assert.Equal(names, onAirtable.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("fields").GetProperty("Name").GetString()).ToArray());
    }

    [Fact]
    public async Task AFailingBatchReportsWhichRecordsWereWrittenAndWhichWereNot()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 0);
        var records = Enumerable.Range(0, 25)
            .Select(i => i == 13 ? new Dictionary<string, object> { ["Nope"] = "x" } : new Dictionary<string, object> { ["Name"] = $"Item {i}" })
            .Select(f => new { fields = f });

        var problem = await world.Gateway.JsonAsync(HttpMethod.Post, Records(world), new { records }, world.OwnerToken, HttpStatusCode.UnprocessableEntity);

        Assert.EndsWith("/problems/airtable/partial-write", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, problem.GetProperty("written").GetArrayLength());
        Assert.Equal(Enumerable.Range(10, 15), problem.GetProperty("notWritten").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal("UNKNOWN_FIELD_NAME", problem.GetProperty("airtable").GetProperty("error").GetProperty("type").GetString());
        var onAirtable = await world.DirectGetAsync(world.Path());
        Assert.Equal(
            problem.GetProperty("written").EnumerateArray().Select(i => i.GetString()).Order(StringComparer.Ordinal),
            onAirtable.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APageLargerThanAirtablesIsCollectedFromSeveralOfItsPages()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 130);

        var first = await world.Gateway.JsonAsync(HttpMethod.Get, Records(world) + "?pageSize=120&sort=Points", null, world.OwnerToken);
        Assert.Equal(120, first.GetProperty("records").GetArrayLength());
        var offset = first.GetProperty("offset").GetString()!;
        var rest = await world.Gateway.JsonAsync(HttpMethod.Get, Records(world) + "?pageSize=120&sort=Points&offset=" + Uri.EscapeDataString(offset), null, world.OwnerToken);

        Assert.Equal(10, rest.GetProperty("records").GetArrayLength());
        Assert.False(rest.TryGetProperty("offset", out var none) && none.ValueKind == JsonValueKind.String);
        Assert.Equal(
            Enumerable.Range(0, 130).Select(i => $"Task {i}"),
            Names(first.GetProperty("records")).Concat(Names(rest.GetProperty("records"))));
    }

    [Fact]
    public async Task TheTablesOfAConnectedBaseAreListedAsAirtableDescribesThem()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 0);

        var tables = await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/bases/{world.BaseId}/tables", null, world.OwnerToken);

        var table = Assert.Single(tables.GetProperty("tables").EnumerateArray());
        Assert.Equal("Tasks", table.GetProperty("name").GetString());
        Assert.Equal(["Name", "Points"], table.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task RecordsOfAConnectedBaseCanBeReadUpdatedAndDeletedOverRest()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 3);
        var list = await world.Gateway.JsonAsync(HttpMethod.Get, Records(world) + "?filterByFormula=" + Uri.EscapeDataString("{Points} >= 1"), null, world.OwnerToken);
        var ids = list.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(2, ids.Length);

        await world.Gateway.JsonAsync(HttpMethod.Post, Records(world), new { records = new[] { new { id = ids[0], fields = new { Name = "Renamed" } } } }, world.OwnerToken);
        var one = await world.Gateway.JsonAsync(HttpMethod.Get, Records(world) + "/" + ids[0], null, world.OwnerToken);
        Assert.Equal("Renamed", Names(JsonSerializer.SerializeToElement(new[] { one }))[0]);

        await world.Gateway.JsonAsync(HttpMethod.Delete, Records(world) + $"?ids={ids[0]}&ids={ids[1]}", null, world.OwnerToken, HttpStatusCode.NoContent);
        await world.Gateway.JsonAsync(HttpMethod.Get, Records(world) + "/" + ids[0], null, world.OwnerToken, HttpStatusCode.NotFound);
        Assert.Single((await world.Gateway.JsonAsync(HttpMethod.Get, Records(world), null, world.OwnerToken)).GetProperty("records").EnumerateArray());
    }
}
