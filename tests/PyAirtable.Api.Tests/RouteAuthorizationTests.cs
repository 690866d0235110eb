using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PyAirtable.Api.Tests;

/// <summary>
/// BOLA and BFLA (OWASP API1 and API5, 2023) route by route: every route under <c>/api/v1</c> is
/// in <see cref="s_routes"/> with who may call it, and every refused caller — a user of another
/// workspace, a member one role too low, an API key of another workspace, a key with too small a
/// scope — gets the right status and ProblemDetails type while the victim's data stays as it was.
/// A route mapped later and missing from the table fails <see cref="EveryApiRouteIsInTheAuthorizationTable"/>.
/// </summary>
public sealed partial class RouteAuthorizationTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] s_adminScope = ["admin"];
    private static readonly string[] s_readScope = ["read"];

    /// <summary>Who may call each route. Workspace roles are the effective ones: removing another member needs admin even though viewers may leave.</summary>
    private static readonly Dictionary<string, Access> s_routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/auth/register"] = Access.Anonymous,
        ["POST /api/v1/auth/login"] = Access.Anonymous,
        ["POST /api/v1/auth/refresh"] = Access.Anonymous,
        ["POST /api/v1/auth/logout"] = Access.User,
        ["POST /api/v1/auth/logout-all"] = Access.User,
        ["GET /api/v1/me"] = Access.User,
        ["PATCH /api/v1/me"] = Access.User,
        ["POST /api/v1/me/password"] = Access.User,
        ["POST /api/v1/me/2fa/setup"] = Access.User,
        ["POST /api/v1/me/2fa/enable"] = Access.User,
        ["POST /api/v1/me/2fa/disable"] = Access.User,
        ["POST /api/v1/workspaces"] = Access.User,
        ["GET /api/v1/workspaces"] = Access.User,
        ["POST /api/v1/invitations/{token}/accept"] = Access.User,
        ["GET /api/v1/workspaces/{workspaceId}"] = Access.Viewer,
        ["PATCH /api/v1/workspaces/{workspaceId}"] = Access.Admin,
        ["DELETE /api/v1/workspaces/{workspaceId}"] = Access.Owner,
        ["GET /api/v1/workspaces/{workspaceId}/members"] = Access.Viewer,
        ["PATCH /api/v1/workspaces/{workspaceId}/members/{userId}"] = Access.Admin,
        ["DELETE /api/v1/workspaces/{workspaceId}/members/{userId}"] = Access.Admin,
        ["POST /api/v1/workspaces/{workspaceId}/invitations"] = Access.Admin,
        ["POST /api/v1/workspaces/{workspaceId}/transfer-ownership"] = Access.Owner,
        ["POST /api/v1/workspaces/{workspaceId}/api-keys"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/api-keys"] = Access.Admin,
        ["DELETE /api/v1/workspaces/{workspaceId}/api-keys/{keyId}"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/audit"] = Access.Admin,
        ["GET /api/v1/admin/audit"] = Access.PlatformAdmin,
        ["GET /api/v1/admin/audit/verify"] = Access.PlatformAdmin,
        ["GET /api/v1/admin/users"] = Access.PlatformAdmin,
        ["POST /api/v1/admin/users/{userId}/disable"] = Access.PlatformAdmin,
        ["POST /api/v1/workspaces/{workspaceId}/bases"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/bases"] = Access.Viewer,
        ["GET /api/v1/workspaces/{workspaceId}/bases/{baseId}"] = Access.Viewer,
        ["PATCH /api/v1/workspaces/{workspaceId}/bases/{baseId}"] = Access.Admin,
        ["DELETE /api/v1/workspaces/{workspaceId}/bases/{baseId}"] = Access.Admin,
        ["POST /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables"] = Access.Admin,
        ["PATCH /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}"] = Access.Admin,
        ["POST /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/fields"] = Access.Admin,
        ["PATCH /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/fields/{fieldId}"] = Access.Admin,
        ["PUT /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/views"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables"] = Access.Viewer,
        ["GET /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/records"] = Access.Viewer,
        ["GET /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/records/{recordId}"] = Access.Viewer,
        ["POST /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/records"] = Access.Editor,
        ["DELETE /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/records"] = Access.Editor,
        ["DELETE /api/v1/workspaces/{workspaceId}/bases/{baseId}/tables/{tableId}/records/{recordId}"] = Access.Editor,
        ["POST /api/v1/workspaces/{workspaceId}/bases/{baseId}/refresh-schema"] = Access.Admin,
        ["POST /api/v1/workspaces/{workspaceId}/connections"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/connections"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/connections/{connectionId}"] = Access.Admin,
        ["GET /api/v1/workspaces/{workspaceId}/connections/{connectionId}/bases"] = Access.Admin,
        ["PUT /api/v1/workspaces/{workspaceId}/connections/{connectionId}/token"] = Access.Admin,
        ["DELETE /api/v1/workspaces/{workspaceId}/connections/{connectionId}"] = Access.Admin,
    };

    private readonly Api _api = new(host.CreateClient());

    private enum Access
    {
        Anonymous,
        User,
        PlatformAdmin,
        Viewer,
        Editor,
        Admin,
        Owner,
    }

    [Fact]
    public void EveryApiRouteIsInTheAuthorizationTable()
    {
        var mapped = ApiRoutes().ToHashSet(StringComparer.Ordinal);

        Assert.Empty(mapped.Except(s_routes.Keys).Order());
        Assert.Empty(s_routes.Keys.Except(mapped).Order());
    }

    [Fact]
    public void EveryRouteOutsideApiV1IsHealthTheOpenApiDocumentOrTheAirtableApi()
    {
        var others = EndpointSecurityTests.Endpoints(host.Services).Select(e => e.Route)
            .Where(r => !r.StartsWith("/api/v1/", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(others);
        Assert.All(others, r => Assert.True(r is "/health/live" or "/health/ready" or "/openapi/{documentName}.json" || r.StartsWith("/v0/", StringComparison.Ordinal)
            || r.StartsWith("/mcp", StringComparison.Ordinal), // its own authorization tests: tests/PyAirtable.Mcp.Tests
            $"{r} is neither in the /api/v1 authorization table nor a known front end: add it and its checks to a test."));
    }

    [Fact]
    public async Task EveryWorkspaceRouteRefusesOtherWorkspacesLowerRolesAndForeignKeysAndChangesNothing()
    {
        var victim = await VictimAsync();
        var (_, stranger) = await _api.NewUserAsync();
        var strangerWorkspace = await _api.NewWorkspaceAsync(stranger);
        var foreignKey = await KeyAsync(strangerWorkspace, stranger, s_adminScope);
        var readKey = await KeyAsync(victim.Workspace, victim.Owner, s_readScope);
        var below = new Dictionary<Access, string>
        {
            [Access.Editor] = (await _api.NewMemberAsync(victim.Workspace, victim.Owner, "viewer")).Token,
            [Access.Admin] = (await _api.NewMemberAsync(victim.Workspace, victim.Owner, "editor")).Token,
            [Access.Owner] = (await _api.NewMemberAsync(victim.Workspace, victim.Owner, "admin")).Token,
        };
        var before = await SnapshotAsync(victim);
        var checkedRoutes = 0;

        foreach (var (route, access) in s_routes.Where(r => r.Value >= Access.Viewer))
        {
            var (method, path) = Fill(route, victim);
            await ExpectAsync(method, path, stranger, HttpStatusCode.NotFound, "not-found", route, "a user of another workspace");
            await ExpectAsync(method, path, foreignKey, HttpStatusCode.NotFound, "not-found", route, "an API key of another workspace");
            if (below.TryGetValue(access, out var lowMember))
            {
                await ExpectAsync(method, path, lowMember, HttpStatusCode.Forbidden, "forbidden", route, "a member one role too low");
            }

            if (access >= Access.Editor)
            {
                await ExpectAsync(method, path, readKey, HttpStatusCode.Forbidden, "forbidden", route, "a read-only key of the workspace");
            }

            checkedRoutes++;
        }

        Assert.Equal(s_routes.Count(r => r.Value >= Access.Viewer), checkedRoutes);
        Assert.Equal(before, await SnapshotAsync(victim));
    }

    [Fact]
    public async Task UserAndAdministratorRoutesRefuseApiKeysAndOrdinaryUsers()
    {
        var victim = await VictimAsync();
        var key = await KeyAsync(victim.Workspace, victim.Owner, s_adminScope);
        var (_, user) = await _api.NewUserAsync();

        foreach (var (route, access) in s_routes.Where(r => r.Value is Access.User or Access.PlatformAdmin))
        {
            var (method, path) = Fill(route, victim);
            await ExpectAsync(method, path, key, HttpStatusCode.Forbidden, "forbidden", route, "an API key");
            if (access == Access.PlatformAdmin)
            {
                await ExpectAsync(method, path, victim.Owner, HttpStatusCode.Forbidden, "forbidden", route, "a workspace owner who is no platform administrator");
                await ExpectAsync(method, path, user, HttpStatusCode.Forbidden, "forbidden", route, "an ordinary user");
            }
        }

        var members = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{victim.Workspace}/members", token: victim.Owner);
        Assert.Equal(2, members.GetArrayLength());
        await _api.LoginAsync(victim.EditorEmail);
    }

    [Fact]
    public async Task IdsOfAnotherWorkspaceAreNotFoundEvenForTheOwnerOfTheRouteWorkspace()
    {
        var victim = await VictimAsync();
        var (outsiderId, outsider) = await _api.NewUserAsync();
        var mine = await _api.NewWorkspaceAsync(outsider);
        var theirKey = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{victim.Workspace}/api-keys", new { name = "theirs", scopes = s_readScope }, victim.Owner, HttpStatusCode.Created);
        var root = $"/api/v1/workspaces/{mine}";

        await ExpectAsync(HttpMethod.Patch, $"{root}/members/{victim.EditorId}", outsider, HttpStatusCode.NotFound, "not-found", "PATCH member of another workspace", "the owner of the route's workspace", new { role = "viewer" });
        await ExpectAsync(HttpMethod.Delete, $"{root}/members/{victim.EditorId}", outsider, HttpStatusCode.NotFound, "not-found", "DELETE member of another workspace", "the owner of the route's workspace");
        await ExpectAsync(HttpMethod.Post, $"{root}/transfer-ownership", outsider, HttpStatusCode.NotFound, "not-found", "transfer to a member of another workspace", "the owner of the route's workspace", new { userId = victim.EditorId });
        await ExpectAsync(HttpMethod.Delete, $"{root}/api-keys/{theirKey.GetProperty("id").GetString()}", outsider, HttpStatusCode.NotFound, "not-found", "DELETE key of another workspace", "the owner of the route's workspace");
        await ExpectAsync(HttpMethod.Get, $"{root}/bases/{victim.Base}", outsider, HttpStatusCode.NotFound, "not-found", "GET base of another workspace", "the owner of the route's workspace");
        await ExpectAsync(HttpMethod.Delete, $"{root}/bases/{victim.Base}", outsider, HttpStatusCode.NotFound, "not-found", "DELETE base of another workspace", "the owner of the route's workspace");
        await ExpectAsync(HttpMethod.Get, $"{root}/bases/{victim.Base}/tables/{victim.Table}/records/{victim.Record}", outsider, HttpStatusCode.NotFound, "not-found", "GET record of another workspace", "the owner of the route's workspace");
        await ExpectAsync(HttpMethod.Delete, $"{root}/bases/{victim.Base}/tables/{victim.Table}/records/{victim.Record}", outsider, HttpStatusCode.NotFound, "not-found", "DELETE record of another workspace", "the owner of the route's workspace");

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{victim.Workspace}", token: theirKey.GetProperty("key").GetString());
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{victim.Workspace}/bases/{victim.Base}/tables/{victim.Table}/records/{victim.Record}", token: victim.Owner);
        var members = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{victim.Workspace}/members", token: victim.Owner);
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == victim.EditorId && m.GetProperty("role").GetString() == "editor");
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == outsiderId);
    }

    [Fact]
    public async Task AnAdminScopedKeyCannotDoWhatOnlyOwnersMay()
    {
        var victim = await VictimAsync();
        var key = await KeyAsync(victim.Workspace, victim.Owner, s_adminScope);
        var root = $"/api/v1/workspaces/{victim.Workspace}";

        await ExpectAsync(HttpMethod.Patch, $"{root}/members/{victim.EditorId}", key, HttpStatusCode.Forbidden, "forbidden", "promote to owner", "an admin-scoped key of an owner", new { role = "owner" });
        await ExpectAsync(HttpMethod.Post, $"{root}/invitations", key, HttpStatusCode.Forbidden, "forbidden", "invite an owner", "an admin-scoped key of an owner", new { email = Api.NewEmail(), role = "owner" });
        await ExpectAsync(HttpMethod.Post, $"{root}/transfer-ownership", key, HttpStatusCode.Forbidden, "forbidden", "transfer ownership", "an admin-scoped key of an owner", new { userId = victim.EditorId });
        await ExpectAsync(HttpMethod.Delete, root, key, HttpStatusCode.Forbidden, "forbidden", "delete the workspace", "an admin-scoped key of an owner");

        var members = await _api.JsonAsync(HttpMethod.Get, $"{root}/members", token: victim.Owner);
        Assert.Equal("editor", members.EnumerateArray().Single(m => m.GetProperty("userId").GetString() == victim.EditorId).GetProperty("role").GetString());
        await _api.JsonAsync(HttpMethod.Patch, $"{root}/members/{victim.EditorId}", new { role = "admin" }, key);
    }

    [Fact]
    public async Task AReadOnlyKeyCannotMakeItsCreatorLeaveTheWorkspace()
    {
        var victim = await VictimAsync();
        var (adminId, admin) = await _api.NewMemberAsync(victim.Workspace, victim.Owner, "admin");
        var key = await KeyAsync(victim.Workspace, admin, s_readScope);

        await ExpectAsync(HttpMethod.Delete, $"/api/v1/workspaces/{victim.Workspace}/members/{adminId}", key, HttpStatusCode.Forbidden, "forbidden", "leave", "a read-only key of the member");

        var members = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{victim.Workspace}/members", token: victim.Owner);
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == adminId);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{victim.Workspace}", token: key);
    }

    private static IEnumerable<string> ApiRoutes(IServiceProvider services) =>
        EndpointSecurityTests.Endpoints(services)
            .Where(e => e.Route.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Select(e => e.Method + " " + (e.Route.Length > 1 ? e.Route.TrimEnd('/') : e.Route));

    private IEnumerable<string> ApiRoutes() => ApiRoutes(host.Services);

    private async Task ExpectAsync(HttpMethod method, string path, string token, HttpStatusCode status, string type, string route, string who, object? body = null)
    {
        using var response = await _api.SendAsync(method, path, body ?? Body, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{route} answered {(int)response.StatusCode} to {who}, expected {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://pyairtable.dev/problems/" + type, JsonDocument.Parse(text).RootElement.GetProperty("type").GetString());
    }

    /// <summary>A body that would succeed on most routes if they let the caller through.</summary>
    private static object Body => new
    {
        name = "Hijacked",
        role = "owner",
        email = Api.NewEmail(),
        scopes = s_adminScope,
        displayName = "Hijacked",
        type = "singleLineText",
        fields = new object[] { new { name = "Hijack", type = "singleLineText" } },
        records = new[] { new { fields = new Dictionary<string, object> { ["Name"] = "Hijack" } } },
        airtableParity = true,
    };

    private static (HttpMethod Method, string Path) Fill(string route, Victim victim)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var path = Placeholder().Replace(route[(space + 1)..], m => m.Value switch
        {
            "{workspaceId}" => victim.Workspace,
            "{userId}" => victim.EditorId,
            "{keyId}" => victim.KeyId,
            "{baseId}" => victim.Base,
            "{tableId}" => victim.Table,
            "{fieldId}" => victim.Field,
            "{recordId}" => victim.Record,
            "{token}" => victim.Invitation,
            // The refusals come from the route's role check, before any connection is looked up (GatewayTests has real ones).
            "{connectionId}" => "0123456789abcdef0123456789abcdef",
            _ => throw new InvalidOperationException($"No value for {m.Value} in {route}: add one to the test."),
        });
        return (new HttpMethod(route[..space]), path);
    }

    private async Task<string> KeyAsync(string workspace, string token, string[] scopes) =>
        (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes }, token, HttpStatusCode.Created)).GetProperty("key").GetString()!;

    /// <summary>A workspace with an editor, a key, a base with one record, and an open invitation.</summary>
    private async Task<Victim> VictimAsync()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var editorEmail = Api.NewEmail();
        var editorId = await _api.RegisterAsync(editorEmail);
        var editor = (await _api.LoginAsync(editorEmail)).GetProperty("accessToken").GetString()!;
        var invitation = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email = editorEmail, role = "editor" }, owner, HttpStatusCode.Created);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{invitation.GetProperty("token").GetString()}/accept", null, editor);
        var open = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email = Api.NewEmail(), role = "viewer" }, owner, HttpStatusCode.Created);
        var key = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "victim", scopes = s_adminScope }, owner, HttpStatusCode.Created);
        var tables = new object[] { new { name = "Tasks", fields = new object[] { new { name = "Name", type = "singleLineText" } } } };
        var schema = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/bases", new { name = "Plans", tables }, owner, HttpStatusCode.Created);
        var baseId = schema.GetProperty("info").GetProperty("id").GetString()!;
        var table = schema.GetProperty("tables")[0];
        var tableId = table.GetProperty("id").GetString()!;
        var record = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/bases/{baseId}/tables/{tableId}/records", new { records = new[] { new { fields = new { Name = "Keep" } } } }, owner);
        return new Victim(owner, workspace, editorId, editorEmail, key.GetProperty("id").GetString()!, baseId, tableId,
            table.GetProperty("fields")[0].GetProperty("id").GetString()!, record[0].GetProperty("id").GetString()!, open.GetProperty("token").GetString()!);
    }

    /// <summary>Everything a refused request might have changed, read as the owner.</summary>
    private async Task<string> SnapshotAsync(Victim victim)
    {
        var root = $"/api/v1/workspaces/{victim.Workspace}";
        var keys = await _api.JsonAsync(HttpMethod.Get, $"{root}/api-keys", token: victim.Owner);
        var parts = new List<string>
        {
            (await _api.JsonAsync(HttpMethod.Get, root, token: victim.Owner)).ToString(),
            (await _api.JsonAsync(HttpMethod.Get, $"{root}/members", token: victim.Owner)).ToString(),
            string.Join(",", keys.EnumerateArray().Select(k => k.GetProperty("id").GetString() + ":" + k.GetProperty("name").GetString() + ":" + k.GetProperty("scopes").ToString())),
            (await _api.JsonAsync(HttpMethod.Get, $"{root}/bases", token: victim.Owner)).ToString(),
            (await _api.JsonAsync(HttpMethod.Get, $"{root}/bases/{victim.Base}", token: victim.Owner)).ToString(),
            (await _api.JsonAsync(HttpMethod.Get, $"{root}/bases/{victim.Base}/tables/{victim.Table}/records", token: victim.Owner)).ToString(),
            (await _api.JsonAsync(HttpMethod.Get, "/api/v1/workspaces", token: victim.Owner)).ToString(),
        };
        return string.Join("\n", parts);
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Placeholder();

    private sealed record Victim(string Owner, string Workspace, string EditorId, string EditorEmail, string KeyId, string Base, string Table, string Field, string Record, string Invitation);
}
