using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Mcp.Tests;

/// <summary>The Streamable HTTP transport itself, with raw HTTP: authentication, DNS-rebinding protection, sessions, status codes, audit.</summary>
[Collection(SharedSilo.Name)]
public sealed class TransportTests(McpHost host)
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private readonly Platform _platform = new(host);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? body, string? bearer, string? session = null, string? origin = null, string? hostHeader = null, string accept = "application/json, text/event-stream")
    {
        using var request = new HttpRequestMessage(method, host.McpEndpoint);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.ParseAdd(accept);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        return await _platform.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<string> SessionAsync(string bearer)
    {
        using var response = await SendAsync(HttpMethod.Post, Initialize, bearer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"protocolVersion\":\"2025-06-18\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    [Fact]
    public async Task WithoutValidCredentialsTheEndpointAnswers401WithABearerChallenge()
    {
        using var none = await SendAsync(HttpMethod.Post, Initialize, null);
        using var wrongKey = await SendAsync(HttpMethod.Post, Initialize, "pyat_" + new string('a', 32) + "secret");
        using var wrongToken = await SendAsync(HttpMethod.Post, Initialize, "not-a-token");

        foreach (var response in new[] { none, wrongKey, wrongToken })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }

    [Fact]
    public async Task ForeignOriginsAndHostsAreRefusedBeforeAnythingElse()
    {
        var test = await _platform.NewBaseAsync();

        using var origin = await SendAsync(HttpMethod.Post, Initialize, test.Key, origin: "http://evil.example");
        using var unauthenticated = await SendAsync(HttpMethod.Post, Initialize, null, origin: "https://attacker.test");
        using var rebound = await SendAsync(HttpMethod.Post, Initialize, test.Key, hostHeader: "evil.example:" + host.Port);
        using var local = await SendAsync(HttpMethod.Post, Initialize, test.Key, origin: "http://localhost:6274");

        Assert.Equal(HttpStatusCode.Forbidden, origin.StatusCode);
        Assert.Contains("Origin", await origin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rebound.StatusCode);
        Assert.Contains("Host", await rebound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task SessionsAreKeptPerPrincipalAndEndWithDelete()
    {
        var test = await _platform.NewBaseAsync();
        var session = await SessionAsync(test.Key);
        var otherKey = await _platform.KeyAsync(test.OwnerToken, test.WorkspaceId, "read");

        using var notification = await SendAsync(HttpMethod.Post, Initialized, test.Key, session);
        using var ping = await SendAsync(HttpMethod.Post, """{"jsonrpc":"2.0","id":2,"method":"ping"}""", test.Key, session);
        using var stolen = await SendAsync(HttpMethod.Post, """{"jsonrpc":"2.0","id":3,"method":"ping"}""", otherKey, session);
        using var noSession = await SendAsync(HttpMethod.Post, """{"jsonrpc":"2.0","id":4,"method":"ping"}""", test.Key);
        using var deleted = await SendAsync(HttpMethod.Delete, null, test.Key, session);
        using var gone = await SendAsync(HttpMethod.Post, """{"jsonrpc":"2.0","id":5,"method":"ping"}""", test.Key, session);

        Assert.Equal(HttpStatusCode.Accepted, notification.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Contains("\"id\":2", await ping.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task TheGetStreamOpensForASessionAndOtherMethodsAre405()
    {
        var test = await _platform.NewBaseAsync();
        var session = await SessionAsync(test.Key);

        using var stream = await SendAsync(HttpMethod.Get, null, test.Key, session, accept: "text/event-stream");
        using var second = await SendAsync(HttpMethod.Get, null, test.Key, session, accept: "text/event-stream");
        using var withoutSession = await SendAsync(HttpMethod.Get, null, test.Key, accept: "text/event-stream");
        using var put = await SendAsync(HttpMethod.Put, "{}", test.Key, session);
        using var notAcceptable = await SendAsync(HttpMethod.Post, Initialize, test.Key, accept: "application/json");
        using var garbage = await SendAsync(HttpMethod.Post, "{not json", test.Key, session);
        using var unsupported = await SendWithVersionAsync(test.Key, "1999-01-01");

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutSession.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(-32700, JsonDocument.Parse(await garbage.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }

    private async Task<HttpResponseMessage> SendWithVersionAsync(string bearer, string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.McpEndpoint) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Add("MCP-Protocol-Version", version);
        return await _platform.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("2025-06-18", true)]
    [InlineData("2025-11-25", true)]
    [InlineData("2026-07-28", false)]
    public async Task EachProtocolRevisionServesTheToolsWithSessionsExactlyWhenItHasThem(string version, bool sessions)
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + test.Key }, version);

        var bases = await client.CallAsync("list_bases");
        var created = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = version } } } });

        Assert.Equal(version, client.NegotiatedProtocolVersion);
        Assert.Equal(sessions, client.SessionId is not null);
        Assert.Equal(new[] { test.BaseId }, bases.GetProperty("bases").Strings("id"));
        Assert.Equal(version, created.GetProperty("records")[0].GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task TheSessionlessRevisionOffersOnlyPost()
    {
        var test = await _platform.NewBaseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, host.McpEndpoint);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", test.Key);
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");

        using var response = await _platform.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task EveryToolCallIsAuditedWithKeyToolDigestOutcomeAndDuration()
    {
        var test = await _platform.NewBaseAsync();
        await using (var client = await _platform.ConnectAsync(test.Key))
        {
            await client.CallAsync("list_tables", new { baseId = test.BaseId });
            await client.FailAsync("describe_table", new { baseId = test.BaseId, table = "Missing" });
        }

        var readKey = await _platform.KeyAsync(test.OwnerToken, test.WorkspaceId, "read");
        await using (var reader = await _platform.ConnectAsync(readKey))
        {
            await reader.FailAsync("delete_records", new { baseId = test.BaseId, table = "Tasks", recordIds = new[] { "recAAAAAAAAAAAAAA" } });
        }

        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));
        var trail = await _platform.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{test.WorkspaceId}/audit", token: test.OwnerToken);
        var calls = trail.EnumerateArray().Select(e => e.GetProperty("event")).Where(e => e.GetProperty("action").GetString() == "mcp.tool_call").ToList();

        Assert.Equal(3, calls.Count);
        Assert.All(calls, e =>
        {
            Assert.Equal(test.OwnerId, e.GetProperty("actorId").GetString());
            Assert.Equal(test.BaseId, e.GetProperty("target").GetString());
            Assert.Matches("^tool=[a-z_]+; key=[0-9a-f]{32}; args=sha256:[0-9a-f]{16}; ms=[0-9.]+", e.GetProperty("detail").GetString());
        });
        var outcomes = calls.ToDictionary(e => e.GetProperty("detail").GetString()!.Split(';')[0], e => e.GetProperty("outcome").GetString());
        Assert.Equal("success", outcomes["tool=list_tables"]);
        Assert.Equal("failure", outcomes["tool=describe_table"]);
        Assert.Equal("denied", outcomes["tool=delete_records"]);
    }
}
