using System.Net;
using System.Text.Json;
using PyAirtable.Grains.RateLimits;

namespace PyAirtable.Api.Tests;

public sealed class V0ParityTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    private static readonly object[] _tables = [new { name = "T", fields = new object[] { new { name = "Name", type = "singleLineText" } } }];

    [Fact]
    public void TheLimiterAdmitsFiveInASecondThenRefusesEverythingForThePenalty()
    {
        var limiter = new ParityLimiter();
        var start = DateTimeOffset.UnixEpoch;
        var penalty = TimeSpan.FromSeconds(30);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(limiter.TryAdmit(start.AddMilliseconds(i * 100), 5, penalty));
        }

        Assert.Equal(penalty, limiter.TryAdmit(start.AddMilliseconds(500), 5, penalty));
        Assert.Equal(TimeSpan.FromSeconds(20), limiter.TryAdmit(start.AddMilliseconds(500).AddSeconds(10), 5, penalty));
        Assert.Null(limiter.TryAdmit(start.AddMilliseconds(500).AddSeconds(30), 5, penalty));
    }

    [Fact]
    public void TheLimiterForgetsRequestsOlderThanASecond()
    {
        var limiter = new ParityLimiter();
        var start = DateTimeOffset.UnixEpoch;

        for (var second = 0; second < 10; second++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Null(limiter.TryAdmit(start.AddSeconds(second).AddMilliseconds(i * 10), 5, TimeSpan.FromSeconds(30)));
            }
        }
    }

    [Fact]
    public async Task ABaseInParityModeAnswersABurstWith429AndRetryAfterLikeAirtable()
    {
        var b = await V0Base.CreateAsync(_api, _tables);
        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{b.WorkspaceId}/bases/{b.BaseId}", new { airtableParity = true }, b.OwnerToken);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.SendAsync(HttpMethod.Get, $"/v0/{b.BaseId}/T", token: b.Key)));

        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), 1, 5);
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("30", limited.Headers.GetValues("Retry-After").Single());
        var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("RATE_LIMIT_REACHED", body.GetProperty("error").GetProperty("type").GetString());

        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await b.GetAsync($"/v0/{b.BaseId}/T");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ABaseWithoutParityTakesBurstsWithoutLimits()
    {
        var b = await V0Base.CreateAsync(_api, _tables);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.SendAsync(HttpMethod.Get, $"/v0/{b.BaseId}/T", token: b.Key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
