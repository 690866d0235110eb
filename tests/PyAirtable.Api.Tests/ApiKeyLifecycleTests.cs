using System.Net;

namespace PyAirtable.Api.Tests;

/// <summary>API keys over time and through membership changes: expiry, demotion and removal of their creator, scope ceilings.</summary>
public sealed class ApiKeyLifecycleTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] s_readScope = ["read"];
    private static readonly string[] s_adminScope = ["admin"];

    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task AKeyStopsWorkingWhenItExpiresAndCannotBeCreatedAlreadyExpired()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var owner = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        var workspace = await _api.NewWorkspaceAsync(owner);
        var now = host.Clock.GetUtcNow();
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "short", scopes = s_readScope, expiresAt = now.AddHours(1) }, owner, HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key, expected: HttpStatusCode.Unauthorized);
        owner = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        var past = host.Clock.GetUtcNow().AddMinutes(-1);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "old", scopes = s_readScope, expiresAt = past }, owner, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AKeyOfADemotedAdminActsWithTheCreatorsNewRole()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (adminId, admin) = await _api.NewMemberAsync(workspace, owner, "admin");
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = s_adminScope }, admin, HttpStatusCode.Created)).GetProperty("key").GetString();
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/api-keys", token: key);

        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}/members/{adminId}", new { role = "viewer" }, owner);

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/api-keys", token: key, expected: HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}", new { name = "Taken" }, key, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
    }

    [Fact]
    public async Task RemovingAMemberRevokesTheirKeysButNotOthers()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (adminId, admin) = await _api.NewMemberAsync(workspace, owner, "admin");
        var theirs = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "theirs", scopes = s_readScope }, admin, HttpStatusCode.Created)).GetProperty("key").GetString();
        var mine = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "mine", scopes = s_readScope }, owner, HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{adminId}", token: owner, expected: HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: theirs, expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: mine);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: admin, expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAWorkspaceRevokesItsKeys()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = s_readScope }, owner, HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}", token: owner, expected: HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key, expected: HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("pyat_")]
    [InlineData("pyat_0123456789abcdef0123456789abcdef")]
    [InlineData("pyat_0123456789ABCDEF0123456789ABCDEFsecret")]
    [InlineData("pyat_0123456789abcdef0123456789abcdefsecret")]
    [InlineData("pyat_../../etc/passwd")]
    public async Task AMalformedOrUnknownKeyIsUnauthorized(string key)
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);

        var problem = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key, expected: HttpStatusCode.Unauthorized);
        Assert.Equal("https://pyairtable.dev/problems/unauthorized", problem.GetProperty("type").GetString());
    }
}
