using System.Net;

namespace PyAirtable.Api.Tests;

public sealed class ApiKeyTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] ReadScope = ["read"];
    private static readonly string[] WriteScope = ["write"];
    private static readonly string[] AdminScope = ["admin"];
    private static readonly string[] RootScope = ["root"];
    private static readonly string[] NoScope = [];

    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task AKeyIsShownOnceAndWorksAsABearerOnItsWorkspace()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var created = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "ci", scopes = ReadScope }, owner, HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;

        Assert.StartsWith("pyat_" + created.GetProperty("id").GetString(), key, StringComparison.Ordinal);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        var list = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/api-keys", token: owner);
        Assert.DoesNotContain(key, list.ToString(), StringComparison.Ordinal);
        Assert.True(list[0].GetProperty("lastUsedAt").ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task AReadOnlyKeyCanNeverWrite()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "ro", scopes = ReadScope }, owner, HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}", new { name = "x" }, key, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "more", scopes = AdminScope }, key, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AKeyIsInvisibleToOtherWorkspacesAndToUserRoutes()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var other = await _api.NewWorkspaceAsync(owner);
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = AdminScope }, owner, HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{other}", token: key, expected: HttpStatusCode.NotFound);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: key, expected: HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARevokedOrAlteredKeyIsRejected()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var created = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = WriteScope }, owner, HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key[..^1] + (key[^1] == 'a' ? 'b' : 'a'), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/api-keys/{created.GetProperty("id").GetString()}", token: owner, expected: HttpStatusCode.NoContent);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key, expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnEditorCannotManageKeysAndUnknownScopesAreBadRequests()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (_, editor) = await _api.NewMemberAsync(workspace, owner, "editor");

        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = ReadScope }, editor, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = RootScope }, owner, HttpStatusCode.BadRequest);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = NoScope }, owner, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AKeysLastUseIsStoredAtMostOnceAMinuteAndMovesOnAfterIt()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "busy", scopes = ReadScope }, owner, HttpStatusCode.Created)).GetProperty("key").GetString();

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        var first = await LastUsedAsync(workspace, owner);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        Assert.Equal(first, await LastUsedAsync(workspace, owner));

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        Assert.True(await LastUsedAsync(workspace, owner) >= first + TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task AKeyWithTheRightIdAndAVeryLongWrongSecretIsRejected()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var key = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = ReadScope }, owner, HttpStatusCode.Created)).GetProperty("key").GetString()!;

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key + new string('x', 4000), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key[..37], expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key.ToUpperInvariant().Replace("PYAT_", "pyat_", StringComparison.Ordinal), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
    }

    private async Task<DateTimeOffset> LastUsedAsync(string workspace, string owner)
    {
        var list = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/api-keys", token: owner);
        return list[0].GetProperty("lastUsedAt").GetDateTimeOffset();
    }
}
