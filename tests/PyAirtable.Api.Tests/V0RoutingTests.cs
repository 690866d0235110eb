using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests;

/// <summary>What /v0 answers when a path matches no route, and batch deletes naming records that are not there.</summary>
public sealed class V0RoutingTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    private static readonly object[] _tasks = [new { name = "Tasks", fields = new object[] { new { name = "Name", type = "singleLineText" } } }];

    private async Task<(int Status, string Body, string? ContentType)> RawAsync(HttpMethod method, string path, string? key)
    {
        using var response = await _api.SendAsync(method, path, null, key);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/v0//x")]
    [InlineData("GET", "/v0/appX")]
    [InlineData("GET", "/v0/appX/")]
    [InlineData("GET", "/v0")]
    [InlineData("GET", "/v0/")]
    [InlineData("GET", "/v0/meta")]
    [InlineData("GET", "/v0/appX/Tasks/recX/extra")]
    [InlineData("POST", "/v0/appX/Tasks/recX/more/deep")]
    public async Task APathThatMatchesNoRouteGetsAirtablesNotFoundBody(string method, string path)
    {
        var b = await V0Base.CreateAsync(_api, _tasks);
        foreach (var key in new[] { b.Key, null })
        {
            var (status, body, type) = await RawAsync(new HttpMethod(method), path, key);
            Assert.True(status == 404, $"{method} {path} ({(key is null ? "anonymous" : "key")}): {status} {body}");
            Assert.Equal("application/json", type);
            Assert.Equal("NOT_FOUND", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task AMethodNoRouteTakesIsNotFoundAsInAirtableNotAProblem()
    {
        var b = await V0Base.CreateAsync(_api, _tasks);
        var (status, body, type) = await RawAsync(HttpMethod.Delete, $"/v0/meta/bases/{b.BaseId}/tables", b.Key);
        Assert.True(status == 404, $"{status} {body}");
        Assert.Equal("application/json", type);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ABatchDeleteNamingAMissingRecordDeletesNothingAndSaysWhichIsMissing()
    {
        var b = await V0Base.CreateAsync(_api, _tasks);
        var ids = (await b.CreateAsync("Tasks", new { Name = "a" }, new { Name = "b" })).EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        const string missing = "recNotThereAtAll1";

        var error = await b.SendAsync(HttpMethod.Delete, $"/v0/{b.BaseId}/Tasks?records[]={ids[0]}&records[]={missing}", null, HttpStatusCode.NotFound);

        V0Base.AssertError(error, "NOT_FOUND");
        Assert.Contains(missing, error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await b.GetAsync($"/v0/{b.BaseId}/Tasks")).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task ABatchDeleteOfNoneOrMoreThanTenRecordsGetsAirtablesInvalidRecordsError()
    {
        var b = await V0Base.CreateAsync(_api, _tasks);
        var eleven = string.Join("&", Enumerable.Range(0, 11).Select(i => $"records[]=rec{i:D14}"));
        foreach (var query in new[] { "", "?records[]=", "?" + eleven })
        {
            var error = await b.SendAsync(HttpMethod.Delete, $"/v0/{b.BaseId}/Tasks{query}", null, (HttpStatusCode)422);
            V0Base.AssertError(error, "INVALID_RECORDS");
        }
    }
}
