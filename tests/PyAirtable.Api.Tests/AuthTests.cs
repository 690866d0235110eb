using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests;

public sealed class AuthTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task ARegisteredUserSignsInAndSeesTheirProfile()
    {
        var email = Api.NewEmail();
        var id = await _api.RegisterAsync(email);
        var tokens = await _api.LoginAsync(email);

        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.Equal(900, tokens.GetProperty("expiresIn").GetInt32());
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: tokens.GetProperty("accessToken").GetString());
        Assert.Equal(id, me.GetProperty("id").GetString());
        Assert.Equal(email, me.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("Password1")]
    [InlineData("QWERTYUIOP")]
    public async Task AWeakOrCommonPasswordIsRejectedWithAValidationProblem(string password)
    {
        var problem = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email = Api.NewEmail(), password }, expected: HttpStatusCode.BadRequest);

        Assert.StartsWith("https://pyairtable.dev/problems/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("password", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RegisteringATakenEmailIsAConflictWhateverItsCase()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = Api.Password }, expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnUnknownEmailIsAnsweredExactlyLikeAWrongPassword()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);

        using var wrong = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "not-the-Password-1" });
        using var unknown = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = Api.NewEmail(), password = "not-the-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(Stable(await wrong.Content.ReadAsStringAsync()), Stable(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ARefreshTokenRotatesAndReusingAnOldOneRevokesTheWholeFamily()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var first = (await _api.LoginAsync(email)).GetProperty("refreshToken").GetString();

        var second = (await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = first })).GetProperty("refreshToken").GetString();
        Assert.NotEqual(first, second);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = first }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = second }, expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LogoutAllEndsEveryAccessAndRefreshToken()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var tokens = await _api.LoginAsync(email);
        var access = tokens.GetProperty("accessToken").GetString();

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/logout-all", null, access, HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: access, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }, expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOneAndSignsOutOtherSessions()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var access = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString();

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = "wrong-Password-1", newPassword = "another-Secret-22" }, access, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = Api.Password, newPassword = "another-Secret-22" }, access, HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: access, expected: HttpStatusCode.Unauthorized);
        await _api.LoginAsync(email, "another-Secret-22");
    }

    [Fact]
    public async Task ThrottlingKicksInAfterRepeatedFailuresAndRecoversWithTime()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "wrong-Password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Api.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await _api.LoginAsync(email);
    }

    [Fact]
    public async Task AnUnknownEmailIsThrottledLikeAKnownOne()
    {
        var email = Api.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "wrong-Password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "wrong-Password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task TheBootstrapAdministratorMustChangeThePasswordBeforeAnythingElse()
    {
        var access = (await _api.LoginAsync(ApiHost.AdminEmail, ApiHost.AdminPassword)).GetProperty("accessToken").GetString();
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: access);
        if (!me.GetProperty("mustChangePassword").GetBoolean())
        {
            return;
        }

        var problem = await _api.JsonAsync(HttpMethod.Get, "/api/v1/admin/users", token: access, expected: HttpStatusCode.Forbidden);
        Assert.Equal("https://pyairtable.dev/problems/password-change-required", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task MalformedBodiesAreProblemsNotServerErrors()
    {
        using var response = await _api.Client.PostAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = "" }, expected: HttpStatusCode.BadRequest);
    }

    private static string Stable(string problem)
    {
        var json = JsonDocument.Parse(problem).RootElement;
        return string.Join("|", json.EnumerateObject().Where(p => p.Name is not "traceId").Select(p => p.Name + "=" + p.Value.ToString()));
    }
}
