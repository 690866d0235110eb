using System.Net;

namespace PyAirtable.Api.Tests;

/// <summary>Sign-in throttling per account and per client address, moved through time with the host's clock.</summary>
public sealed class LoginThrottlingTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task TheDelayDoublesWithEachFailureAfterTheFreeOnes()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(email);
        }

        var delays = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var wait = await ThrottledAsync(email, Api.Password);
            delays.Add(wait);
            host.Clock.Advance(TimeSpan.FromSeconds(wait));
            await FailAsync(email);
        }

        Assert.Equal(new[] { 2, 4, 8 }, delays);
    }

    [Fact]
    public async Task AThrottledAccountRefusesTheRightPasswordAndRecoversAfterTheWait()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(email);
        }

        var wait = await ThrottledAsync(email, Api.Password);
        host.Clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(500));
        await ThrottledAsync(email, Api.Password);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await _api.LoginAsync(email);
    }

    [Fact]
    public async Task FailuresOlderThanAnHourNoLongerCount()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(email);
        }

        await ThrottledAsync(email, "wrong-Password-1");
        host.Clock.Advance(TimeSpan.FromMinutes(61));

        for (var i = 0; i < 5; i++)
        {
            await FailAsync(email);
        }

        await ThrottledAsync(email, "wrong-Password-1");
    }

    [Fact]
    public async Task ASuccessfulSignInStartsTheAccountCountAfresh()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        for (var i = 0; i < 4; i++)
        {
            await FailAsync(email);
        }

        await _api.LoginAsync(email);
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(email);
        }

        await ThrottledAsync(email, Api.Password);
    }

    [Fact]
    public async Task OneAddressTryingManyAccountsIsThrottledWhileOthersAreNot()
    {
        var address = Api.NewAddress();
        var victim = Api.NewEmail();
        await _api.RegisterAsync(victim);
        for (var i = 0; i < 20; i++)
        {
            await FailAsync(Api.NewEmail(), address);
        }

        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = victim, password = Api.Password }, address: address);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.EndsWith("/too-many-requests", (await System.Text.Json.JsonDocument.ParseAsync(await throttled.Content.ReadAsStreamAsync())).RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        await _api.LoginAsync(victim);
    }

    [Fact]
    public async Task ThrottlingAnUnknownEmailLooksExactlyLikeThrottlingAKnownOne()
    {
        var known = Api.NewEmail();
        await _api.RegisterAsync(known);
        var unknown = Api.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(known);
            await FailAsync(unknown);
        }

        using var a = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = known, password = "wrong-Password-1" });
        using var b = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = unknown, password = "wrong-Password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
        Assert.Equal(a.StatusCode, b.StatusCode);
        Assert.Equal(a.Headers.RetryAfter?.Delta, b.Headers.RetryAfter?.Delta);
        Assert.Equal(Stable(await a.Content.ReadAsStringAsync()), Stable(await b.Content.ReadAsStringAsync()));
    }

    private static string Stable(string problem) =>
        string.Join("|", System.Text.Json.JsonDocument.Parse(problem).RootElement.EnumerateObject().Where(p => p.Name is not "traceId").Select(p => p.Name + "=" + p.Value));

    private async Task FailAsync(string email, string? address = null)
    {
        using var failed = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "wrong-Password-1" }, address: address);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
    }

    /// <summary>Expects a 429 and returns its <c>Retry-After</c> in seconds.</summary>
    private async Task<int> ThrottledAsync(string email, string password)
    {
        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        return (int)throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
    }
}
