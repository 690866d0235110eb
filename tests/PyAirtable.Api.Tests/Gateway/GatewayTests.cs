using System.Net;
using Microsoft.Data.Sqlite;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>Connected Airtable bases against a simulated Airtable over real HTTP (a PyAirtable silo in parity mode).</summary>
public sealed class GatewayTests(GatewayHost host) : IClassFixture<GatewayHost>
{
    [Fact]
    public async Task AConnectionChecksItsTokenWithAirtableAndNeverShowsIt()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 0);
        var list = await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/connections", null, world.OwnerToken);

        Assert.Single(list.EnumerateArray());
        Assert.Equal("active", list[0].GetProperty("status").GetString());
        Assert.DoesNotContain(world.Airtable.Key, list.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(world.Airtable.Key[^4..], list[0].GetProperty("tokenHint").GetString(), StringComparison.Ordinal);

        var refused = await world.Gateway.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{world.WorkspaceId}/connections",
            new { name = "wrong", token = world.Airtable.Key[..^2] + "zz" }, world.OwnerToken, HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("/problems/airtable/token-rejected", refused.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("AUTHENTICATION_REQUIRED", refused.GetProperty("airtable").GetProperty("error").GetProperty("type").GetString());
        Assert.Single((await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/connections", null, world.OwnerToken)).EnumerateArray());
    }

    [Fact]
    public async Task AConnectedBaseIsListedBesideLocalBasesWithItsKindOnRestAndOnV0()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 0);
        await world.Gateway.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{world.WorkspaceId}/bases",
            new { name = "Local", tables = new object[] { new { name = "T", fields = new object[] { new { name = "Name", type = "singleLineText" } } } } }, world.OwnerToken, HttpStatusCode.Created);

        var bases = await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/bases", null, world.OwnerToken);
        var kinds = bases.EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("kind").GetString());
        Assert.Equal("local", kinds["Local"]);
        Assert.Equal("airtable", kinds["Test base"]);

        var meta = await world.GetAsync("/v0/meta/bases");
        Assert.Contains(meta.GetProperty("bases").EnumerateArray(), b => b.GetProperty("id").GetString() == world.BaseId);
    }

    [Fact]
    public async Task TheV0ProxyAnswersExactlyAsAirtableDoesForReadsWritesAndErrors()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var direct = await world.DirectGetAsync(world.Path() + "?sort%5B0%5D%5Bfield%5D=Points");
        var proxied = await world.GetAsync(world.Path() + "?sort%5B0%5D%5Bfield%5D=Points");
        Assert.Equal(direct.ToString(), proxied.ToString());

        var created = await world.SendAsync(HttpMethod.Post, world.Path(), new { fields = new { Name = "Through the gateway", Points = 8 } });
        var id = created.GetProperty("id").GetString()!;
        var patched = await world.SendAsync(HttpMethod.Patch, world.Path() + "/" + id, new { fields = new { Points = 9 } });
        Assert.Equal(9, patched.GetProperty("fields").GetProperty("Points").GetInt32());
        Assert.Equal(9, (await world.DirectGetAsync(world.Path() + "/" + id)).GetProperty("fields").GetProperty("Points").GetInt32());

        var unknownField = await world.SendAsync(HttpMethod.Post, world.Path(), new { fields = new { Nope = 1 } }, HttpStatusCode.UnprocessableEntity);
        V0Base.AssertError(unknownField, "UNKNOWN_FIELD_NAME");
        var unknownTable = await world.GetAsync(world.Path("Missing"), HttpStatusCode.Forbidden);
        V0Base.AssertError(unknownTable, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");

        await world.SendAsync(HttpMethod.Delete, world.Path() + "?records[]=" + id, null);
        await world.DirectGetAsync(world.Path() + "/" + id, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABurstOfReadsWaitsItsTurnInsteadOfMeetingAirtables429()
    {
        var world = await ConnectedBase.CreateAsync(host);
        await Task.Delay(1100);
        var reads = Enumerable.Range(0, 12).Select(i => world.Gateway.SendAsync(HttpMethod.Get, world.Path() + $"?filterByFormula=%7BPoints%7D%3E%3D{i}", token: world.Key));
        var responses = await Task.WhenAll(reads);

        // No 429 reaches the caller. (Upstream the spacing makes a 429 unlikely, not impossible: on a
        // loaded machine requests can reach the simulator bunched; the gateway then pauses and goes on.)
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var statistics = await world.StatisticsAsync();
        Assert.Equal(12 + statistics.GetProperty("rateLimited").GetInt64(), statistics.GetProperty("upstreamCalls").GetInt64());

        // The same burst straight at the simulator is refused: the test would catch a gateway that did not queue.
        await Task.Delay(1100);
        var direct = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => world.Airtable.Api.SendAsync(HttpMethod.Get, world.Path() + $"?pageSize={i + 1}", token: world.Airtable.Key)));
        Assert.Contains(direct, r => r.StatusCode == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task APenaltyFromAirtableIsWaitedOutOnceAndTheReadThenSucceeds()
    {
        var world = await ConnectedBase.CreateAsync(host);
        await Task.Delay(1100);
        var direct = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => world.Airtable.Api.SendAsync(HttpMethod.Get, world.Path() + $"?pageSize={i + 1}", token: world.Airtable.Key)));
        Assert.Contains(direct, r => r.StatusCode == HttpStatusCode.TooManyRequests);

        var read = await world.GetAsync(world.Path());

        Assert.Equal(3, read.GetProperty("records").GetArrayLength());
        var statistics = await world.StatisticsAsync();
        Assert.Equal(1, statistics.GetProperty("rateLimited").GetInt64());
        Assert.Equal(2, statistics.GetProperty("upstreamCalls").GetInt64());
    }

    [Fact]
    public async Task RepeatedReadsComeFromTheCacheAndAWriteThroughTheGatewayIsNeverFollowedByAStaleRead()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var list = await world.GetAsync(world.Path());
        var id = list.GetProperty("records")[0].GetProperty("id").GetString()!;
        await world.GetAsync(world.Path() + "/" + id);
        var before = await world.UpstreamCallsAsync();
        for (var i = 0; i < 5; i++)
        {
            await world.GetAsync(world.Path());
            await world.GetAsync(world.Path() + "/" + id);
        }

        Assert.Equal(before, await world.UpstreamCallsAsync());

        await world.SendAsync(HttpMethod.Patch, world.Path(), new { records = new[] { new { id, fields = new { Name = "Renamed" } } } });
        Assert.Equal("Renamed", (await world.GetAsync(world.Path() + "/" + id)).GetProperty("fields").GetProperty("Name").GetString());
        Assert.Contains((await world.GetAsync(world.Path())).GetProperty("records").EnumerateArray(), r => r.GetProperty("fields").GetProperty("Name").GetString() == "Renamed");

        await world.SendAsync(HttpMethod.Post, world.Path(), new { records = new[] { new { fields = new { Name = "New" } } } });
        Assert.Equal(4, (await world.GetAsync(world.Path())).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task ARecordOfAListedPageIsThenReadFromTheCacheExactlyAsAirtableAnswersIt()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var id = (await world.GetAsync(world.Path() + "?pageSize=2")).GetProperty("records")[1].GetProperty("id").GetString()!;
        var before = await world.UpstreamCallsAsync();

        var read = await world.GetAsync(world.Path() + "/" + id);

        Assert.Equal(before, await world.UpstreamCallsAsync());
        Assert.Equal((await world.DirectGetAsync(world.Path() + "/" + id)).ToString(), read.ToString());
    }

    [Fact]
    public async Task AListThatShapesItsRecordsDoesNotStandForRecordReads()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var id = (await world.GetAsync(world.Path() + "?fields%5B%5D=Name")).GetProperty("records")[1].GetProperty("id").GetString()!;
        var before = await world.UpstreamCallsAsync();

        var read = await world.GetAsync(world.Path() + "/" + id);

        Assert.Equal(before + 1, await world.UpstreamCallsAsync());
        Assert.True(read.GetProperty("fields").EnumerateObject().Count() > 1, "the record read has every field, not only the listed one");
    }

    [Fact]
    public async Task ASingleRecordUpdateAnswersTheNextReadOfThatRecordWithoutAskingAirtable()
    {
        var world = await ConnectedBase.CreateAsync(host);
        await world.GetAsync($"/v0/meta/bases/{world.BaseId}/tables"); // known schema: the write below needs no schema read of its own
        var id = (await world.GetAsync(world.Path())).GetProperty("records")[0].GetProperty("id").GetString()!;
        var updated = await world.SendAsync(HttpMethod.Patch, world.Path() + "/" + id, new { fields = new { Points = 42 } });
        var before = await world.UpstreamCallsAsync();

        var read = await world.GetAsync(world.Path() + "/" + id);

        Assert.Equal(updated.ToString(), read.ToString());
        Assert.Equal(42, read.GetProperty("fields").GetProperty("Points").GetInt32());
        Assert.Equal(before, await world.UpstreamCallsAsync());
        Assert.Equal(42, (await world.DirectGetAsync(world.Path() + "/" + id)).GetProperty("fields").GetProperty("Points").GetInt32());
    }

    [Fact]
    public async Task AfterAWriteTheGatewayLearnsTheSchemaSoLaterWritesKeepOtherTablesCached()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var id = (await world.GetAsync(world.Path())).GetProperty("records")[0].GetProperty("id").GetString()!;
        await world.SendAsync(HttpMethod.Patch, world.Path() + "/" + id, new { fields = new { Points = 1 } });
        var other = (await world.GetAsync(world.Path())).GetProperty("records")[1].GetProperty("id").GetString()!;
        await world.GetAsync(world.Path() + "/" + other);
        var statistics = await world.StatisticsAsync();
        Assert.True(statistics.GetProperty("upstreamCalls").GetInt64() >= 4, "the schema read follows the first write");

        await world.SendAsync(HttpMethod.Patch, world.Path() + "/" + id, new { fields = new { Points = 2 } });
        var before = await world.UpstreamCallsAsync();
        await world.GetAsync(world.Path() + "/" + other);

        Assert.Equal(before, await world.UpstreamCallsAsync());
    }

    [Fact]
    public async Task IdenticalReadsInFlightTogetherShareOneRequestToAirtable()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var before = await world.UpstreamCallsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => world.Gateway.SendAsync(HttpMethod.Get, world.Path() + "?view=Grid%20view&pageSize=2", token: world.Key)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        Assert.Single(responses.Select(r => r.StatusCode).Distinct());
        Assert.Equal(before + 1, await world.UpstreamCallsAsync());
    }

    [Fact]
    public async Task ReadOnlyKeysCannotWriteAndOtherWorkspacesCannotSeeAConnectedBase()
    {
        var world = await ConnectedBase.CreateAsync(host);
        var readOnly = await V0Base.KeyAsync(world.Gateway, world.OwnerToken, world.WorkspaceId, "read");
        var otherWorkspace = await world.Gateway.NewWorkspaceAsync(world.OwnerToken);
        var stranger = await V0Base.KeyAsync(world.Gateway, world.OwnerToken, otherWorkspace, "read", "write", "admin");
        var before = await world.UpstreamCallsAsync();

        await world.GetAsync(world.Path(), key: readOnly);
        V0Base.AssertError(await world.Gateway.JsonAsync(HttpMethod.Post, world.Path(), new { fields = new { Name = "x" } }, readOnly, HttpStatusCode.Forbidden), "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        V0Base.AssertError(await world.GetAsync(world.Path(), HttpStatusCode.Forbidden, stranger), "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        V0Base.AssertError(await world.Gateway.JsonAsync(HttpMethod.Post, $"/v0/meta/bases/{world.BaseId}/tables", new { name = "New", fields = new object[] { new { name = "A", type = "singleLineText" } } },
            await V0Base.KeyAsync(world.Gateway, world.OwnerToken, world.WorkspaceId, "read", "write"), HttpStatusCode.Forbidden), "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");

        Assert.Equal(before + 1, await world.UpstreamCallsAsync());
    }

    [Fact]
    public async Task ServerErrorsAndTimeoutsOfReadsAreRetriedButACreateIsNotRepeated()
    {
        var world = await ConnectedBase.CreateAsync(host);
        host.Faults.Enqueue(FaultInjector.Fault.ServerError);
        host.Faults.Enqueue(FaultInjector.Fault.Hang);

        Assert.Equal(3, (await world.GetAsync(world.Path())).GetProperty("records").GetArrayLength());
        Assert.Equal(2, (await world.StatisticsAsync()).GetProperty("retries").GetInt64());

        host.Faults.Enqueue(FaultInjector.Fault.ServerError);
        var failed = await world.SendAsync(HttpMethod.Post, world.Path(), new { fields = new { Name = "Once" } }, HttpStatusCode.BadGateway);
        V0Base.AssertError(failed, "SERVER_ERROR");
        Assert.Equal(2, (await world.StatisticsAsync()).GetProperty("retries").GetInt64());
        Assert.Equal(3, (await world.DirectGetAsync(world.Path())).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task RepeatedFailuresOpenTheBasesCircuitAndItClosesAgainWhenAirtableRecovers()
    {
        var world = await ConnectedBase.CreateAsync(host);
        host.Faults.Enqueue(FaultInjector.Fault.ServerError, 16);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await world.Gateway.SendAsync(HttpMethod.Get, world.Path() + $"?pageSize={i + 1}", token: world.Key);
            answers.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.ServiceUnavailable, answers);
        Assert.True((await world.StatisticsAsync()).GetProperty("circuitOpen").GetBoolean());
        host.Faults.Clear();

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(3, (await world.GetAsync(world.Path())).GetProperty("records").GetArrayLength());
        Assert.False((await world.StatisticsAsync()).GetProperty("circuitOpen").GetBoolean());
    }

    [Fact]
    public async Task MalformedJsonAndPermissionAnswersFromAirtablePassThroughUnchangedAndAreNotCached()
    {
        var world = await ConnectedBase.CreateAsync(host);
        host.Faults.Enqueue(FaultInjector.Fault.MalformedJson);
        using (var malformed = await world.Gateway.SendAsync(HttpMethod.Get, world.Path(), token: world.Key))
        {
            Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
            Assert.Equal("{\"records\": [ {\"id\": ", await malformed.Content.ReadAsStringAsync());
        }

        host.Faults.Enqueue(FaultInjector.Fault.Forbidden);
        V0Base.AssertError(await world.GetAsync(world.Path() + "?pageSize=1", HttpStatusCode.Forbidden), "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        Assert.Equal(1, (await world.GetAsync(world.Path() + "?pageSize=1")).GetProperty("records").GetArrayLength());
        var connection = await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/connections/{world.ConnectionId}", null, world.OwnerToken);
        Assert.Equal("active", connection.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AirtableRefusingTheTokenMarksTheConnectionUntilANewTokenIsGiven()
    {
        var world = await ConnectedBase.CreateAsync(host);
        host.Faults.Enqueue(FaultInjector.Fault.Unauthorized);

        var refused = await world.GetAsync(world.Path(), HttpStatusCode.BadGateway);
        V0Base.AssertError(refused, "AIRTABLE_TOKEN_REJECTED");
        var connection = await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/connections/{world.ConnectionId}", null, world.OwnerToken);
        Assert.Equal("needsNewToken", connection.GetProperty("status").GetString());

        var replacement = await V0Base.KeyAsync(world.Airtable.Api, world.Airtable.OwnerToken, world.Airtable.WorkspaceId, "read", "write");
        var replaced = await world.Gateway.JsonAsync(HttpMethod.Put, $"/api/v1/workspaces/{world.WorkspaceId}/connections/{world.ConnectionId}/token", new { token = replacement }, world.OwnerToken);
        Assert.Equal("active", replaced.GetProperty("status").GetString());
        Assert.Equal(3, (await world.GetAsync(world.Path())).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task TheTokenIsNeitherInTheDatabaseNorInTheLogsInClear()
    {
        var world = await ConnectedBase.CreateAsync(host);
        await world.GetAsync(world.Path());
        host.Faults.Enqueue(FaultInjector.Fault.Unauthorized);
        await world.GetAsync(world.Path() + "?pageSize=2", HttpStatusCode.BadGateway);

        var secret = world.Airtable.Key["pyat_".Length..];
        Assert.DoesNotContain(host.EveryLogLine, line => line.Contains(secret, StringComparison.Ordinal));
        using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var table in new[] { "grain_state", "grain_rows" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE CAST(data AS TEXT) LIKE $secret";
            command.Parameters.AddWithValue("$secret", "%" + secret[^16..] + "%");
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }

        using var keys = connection.CreateCommand();
        keys.CommandText = "SELECT COUNT(*) FROM grain_rows WHERE collection = 'dataprotection-keys' AND CAST(data AS TEXT) LIKE '%<masterKey%'";
        Assert.Equal(0L, (long)(await keys.ExecuteScalarAsync())!);
    }
}
