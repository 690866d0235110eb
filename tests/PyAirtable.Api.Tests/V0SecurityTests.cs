using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests;

/// <summary>
/// Walks every <c>/v0</c> route of a base: strangers and keys of other workspaces learn nothing
/// (Airtable's 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND), read keys never write, write keys
/// never change the schema.
/// </summary>
public sealed class V0SecurityTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    private static readonly object[] _tables = [new { name = "T", fields = new object[] { new { name = "Name", type = "singleLineText" } } }];

    private static bool IsRead(string method, string route) =>
        method == "GET" || route.EndsWith("/listRecords", StringComparison.Ordinal);

    private static bool IsSchemaWrite(string method, string route) => route.StartsWith("/v0/meta/bases/{baseId}", StringComparison.Ordinal) && method != "GET";

    private async Task<(string Method, string Path, string Route)[]> RoutesAsync(V0Base b)
    {
        var record = (await b.CreateAsync("T", new { Name = "a" }))[0].GetProperty("id").GetString()!;
        return [.. EndpointSecurityTests.Endpoints(host.Services)
            .Where(e => e.Route.StartsWith("/v0/", StringComparison.Ordinal) && e.Route.Contains("{baseId}", StringComparison.Ordinal))
            .Select(e => (e.Method, e.Route
                .Replace("{baseId}", b.BaseId, StringComparison.Ordinal)
                .Replace("{table}", "T", StringComparison.Ordinal)
                .Replace("{tableId}", b.TableId("T"), StringComparison.Ordinal)
                .Replace("{fieldId}", b.FieldId("T", "Name"), StringComparison.Ordinal)
                .Replace("{recordId}", record, StringComparison.Ordinal)
                .Replace("{commentId}", "comAAAAAAAAAAAAAA", StringComparison.Ordinal), e.Route))];
    }

    private static async Task AssertHiddenAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task EveryBaseRouteHidesTheBaseFromStrangersAndFromKeysOfOtherWorkspaces()
    {
        var b = await V0Base.CreateAsync(_api, _tables);
        var other = await V0Base.CreateAsync(_api, _tables);
        var (_, stranger) = await _api.NewUserAsync();
        var routes = await RoutesAsync(b);
        Assert.True(routes.Length >= 15);

        foreach (var (method, path, route) in routes)
        {
            using var asStranger = await _api.SendAsync(new HttpMethod(method), path, new { fields = new { Name = "x" }, text = "x", name = "x" }, stranger);
            await AssertHiddenAsync(asStranger, $"{method} {route} as a stranger");
            using var asOtherKey = await _api.SendAsync(new HttpMethod(method), path, new { fields = new { Name = "x" }, text = "x", name = "x" }, other.Key);
            await AssertHiddenAsync(asOtherKey, $"{method} {route} with another workspace's key");
        }
    }

    [Fact]
    public async Task AReadKeyOnlyReadsAndAWriteKeyNeverChangesTheSchema()
    {
        var b = await V0Base.CreateAsync(_api, _tables);
        var read = await V0Base.KeyAsync(_api, b.OwnerToken, b.WorkspaceId, "read");
        var write = await V0Base.KeyAsync(_api, b.OwnerToken, b.WorkspaceId, "read", "write");

        foreach (var (method, path, route) in await RoutesAsync(b))
        {
            if (!IsRead(method, route))
            {
                using var asReader = await _api.SendAsync(new HttpMethod(method), path, new { fields = new { Name = "x" }, text = "x", name = "x" }, read);
                await AssertHiddenAsync(asReader, $"{method} {route} with a read key");
            }

            if (IsSchemaWrite(method, route))
            {
                using var asWriter = await _api.SendAsync(new HttpMethod(method), path, new { name = "renamed", type = "singleLineText" }, write);
                await AssertHiddenAsync(asWriter, $"{method} {route} with a write key");
            }
        }

        var list = await b.GetAsync($"/v0/{b.BaseId}/T", key: read);
        Assert.Equal(1, list.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task AnonymousAndBadKeysGetAirtablesAuthenticationError()
    {
        var b = await V0Base.CreateAsync(_api, _tables);

        using var anonymous = await _api.SendAsync(HttpMethod.Get, $"/v0/{b.BaseId}/T");
        using var badKey = await _api.SendAsync(HttpMethod.Get, $"/v0/{b.BaseId}/T", token: "pyat_0123456789abcdef0123456789abcdefnotthesecret");

        foreach (var response in new[] { anonymous, badKey })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("AUTHENTICATION_REQUIRED", body.GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task MetaBasesListsOnlyTheKeysWorkspaceWithItsPermissionLevel()
    {
        var b = await V0Base.CreateAsync(_api, _tables);
        await V0Base.CreateAsync(_api, _tables);
        var read = await V0Base.KeyAsync(_api, b.OwnerToken, b.WorkspaceId, "read");

        var bases = await b.GetAsync("/v0/meta/bases", key: read);

        var only = Assert.Single(bases.GetProperty("bases").EnumerateArray());
        Assert.Equal(b.BaseId, only.GetProperty("id").GetString());
        Assert.Equal("read", only.GetProperty("permissionLevel").GetString());
        var whoami = await b.GetAsync("/v0/meta/whoami", key: read);
        Assert.DoesNotContain("data.records:write", whoami.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }
}
