using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Api.Tests;

/// <summary>Refresh-token families, sign-out, and what ends sessions: rotation, reuse, lifetime, password and e-mail changes, disabling.</summary>
public sealed class SessionTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] s_readScope = ["read"];

    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task ReusingARotatedTokenRevokesOnlyItsFamilyAndIsAudited()
    {
        var email = Api.NewEmail();
        var id = await _api.RegisterAsync(email);
        var stolen = Refresh(await _api.LoginAsync(email));
        var laptop = Refresh(await _api.LoginAsync(email));
        var rotated = Refresh(await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = stolen }));

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = stolen }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = rotated }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = laptop });

        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));
        var log = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAuditLogGrain>(AuditStreams.Key).QueryAsync(null, 500);
        var reuse = Assert.Single(log, e => e.Event.Action == "auth.refresh-reuse" && e.Event.ActorId == id);
        Assert.Equal("denied", reuse.Event.Outcome);
        Assert.DoesNotContain(log, e => e.ToString().Contains(stolen, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogoutEndsThatSessionOnly()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var phone = await _api.LoginAsync(email);
        var laptop = await _api.LoginAsync(email);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/logout", new { refreshToken = Refresh(phone) }, Access(phone), HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(phone) }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(laptop) });
    }

    [Fact]
    public async Task LoggingOutWithSomeoneElsesRefreshTokenLeavesTheirSessionAlone()
    {
        var victim = Api.NewEmail();
        await _api.RegisterAsync(victim);
        var session = await _api.LoginAsync(victim);
        var (_, attacker) = await _api.NewUserAsync();

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/logout", new { refreshToken = Refresh(session) }, attacker, HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(session) });
    }

    [Fact]
    public async Task AFamilyEndsThirtyDaysAfterSignInHoweverOftenItIsRotated()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var token = Refresh(await _api.LoginAsync(email));

        host.Clock.Advance(TimeSpan.FromDays(29));
        token = Refresh(await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = token }));
        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = token }, expected: HttpStatusCode.Unauthorized);
        await _api.LoginAsync(email);
    }

    [Fact]
    public async Task ARefreshedPairWorksAndTheNewAccessTokenIsAcceptedByTheApi()
    {
        var email = Api.NewEmail();
        var id = await _api.RegisterAsync(email);
        var pair = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(await _api.LoginAsync(email)) });

        Assert.Equal("Bearer", pair.GetProperty("tokenType").GetString());
        Assert.Equal(id, (await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Access(pair))).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("0123456789abcdef0123456789abcdef.forged")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.forged")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task AMalformedOrUnknownRefreshTokenIsUnauthorizedNotAServerError(string refreshToken)
    {
        var problem = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken }, expected: HttpStatusCode.Unauthorized);

        Assert.Equal("https://pyairtable.dev/problems/unauthorized", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AForgedRefreshTokenForARealUserIsRefused()
    {
        var email = Api.NewEmail();
        var id = await _api.RegisterAsync(email);
        var real = Refresh(await _api.LoginAsync(email));

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = id + ".guessed" }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = real[..^2] + (real[^2] == 'A' ? "BB" : "AA") }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = real });
    }

    [Fact]
    public async Task ChangingThePasswordRevokesEveryRefreshTokenToo()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var session = await _api.LoginAsync(email);
        var other = await _api.LoginAsync(email);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = Api.Password, newPassword = "another-Secret-22" }, Access(session), HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(session) }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(other) }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Api.Password }, expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangingTheEmailNeedsTheCurrentPassword()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var token = Access(await _api.LoginAsync(email));
        var changed = Api.NewEmail();

        var refused = await _api.JsonAsync(HttpMethod.Patch, "/api/v1/me", new { email = changed, currentPassword = "wrong-Password-1" }, token, HttpStatusCode.Forbidden);
        Assert.EndsWith("/credentials-rejected", refused.GetProperty("type").GetString(), StringComparison.Ordinal);
        await _api.JsonAsync(HttpMethod.Patch, "/api/v1/me", new { email = changed }, token, HttpStatusCode.Forbidden);
        await _api.LoginAsync(email);

        await _api.JsonAsync(HttpMethod.Patch, "/api/v1/me", new { email = changed, currentPassword = Api.Password }, token);
        await _api.LoginAsync(changed);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Api.Password }, expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ADisabledUserLosesTokensRefreshTokensAndApiKeysAndSignsInLikeAStranger()
    {
        var admin = await _api.AdminTokenAsync();
        var email = Api.NewEmail();
        var id = await _api.RegisterAsync(email);
        var session = await _api.LoginAsync(email);
        var workspace = await _api.NewWorkspaceAsync(Access(session));
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = s_readScope }, Access(session), HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/admin/users/{id}/disable", null, admin, HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Access(session), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = Refresh(session) }, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key, expected: HttpStatusCode.Unauthorized);
        var disabled = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Api.Password }, expected: HttpStatusCode.Unauthorized);
        var stranger = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = Api.NewEmail(), password = Api.Password }, expected: HttpStatusCode.Unauthorized);
        Assert.Equal(stranger.GetProperty("type").GetString(), disabled.GetProperty("type").GetString());
        Assert.Equal(stranger.GetProperty("detail").GetString(), disabled.GetProperty("detail").GetString());
    }

    private static string Refresh(System.Text.Json.JsonElement pair) => pair.GetProperty("refreshToken").GetString()!;

    private static string Access(System.Text.Json.JsonElement pair) => pair.GetProperty("accessToken").GetString()!;
}
