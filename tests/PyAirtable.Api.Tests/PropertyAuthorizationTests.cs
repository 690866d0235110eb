using System.Net;

namespace PyAirtable.Api.Tests;

/// <summary>
/// Object-property level authorization (OWASP API3, 2023) and the role rules between members:
/// bodies cannot set what the caller may not, and owners are protected from admins.
/// </summary>
public sealed class PropertyAuthorizationTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] s_readScope = ["read"];

    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task RegisteringOrPatchingTheProfileCannotMakeAnAdministratorOrClearFlags()
    {
        var email = Api.NewEmail();
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password = Api.Password, isPlatformAdmin = true, disabled = false }, expected: HttpStatusCode.Created);
        var token = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString();

        await _api.JsonAsync(HttpMethod.Patch, "/api/v1/me", new { displayName = "Eve", isPlatformAdmin = true, twoFactorEnabled = true, id = "0123456789abcdef0123456789abcdef" }, token);

        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token);
        Assert.False(me.GetProperty("isPlatformAdmin").GetBoolean());
        Assert.False(me.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal("Eve", me.GetProperty("displayName").GetString());
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/admin/users", token: token, expected: HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AKeyIsCreatedInTheRouteWorkspaceWhateverTheBodySays()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (_, stranger) = await _api.NewUserAsync();
        var target = await _api.NewWorkspaceAsync(stranger);

        var created = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = s_readScope, workspaceId = target, createdBy = "someone" }, owner, HttpStatusCode.Created);

        Assert.Equal(workspace, created.GetProperty("info").GetProperty("workspaceId").GetString());
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{target}", token: created.GetProperty("key").GetString(), expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdminCannotDemoteRemoveOrInviteOwners()
    {
        var (ownerId, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (_, admin) = await _api.NewMemberAsync(workspace, owner, "admin");

        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}/members/{ownerId}", new { role = "viewer" }, admin, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{ownerId}", token: admin, expected: HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email = Api.NewEmail(), role = "owner" }, admin, HttpStatusCode.Forbidden);

        var members = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/members", token: owner);
        Assert.Equal("owner", members.EnumerateArray().Single(m => m.GetProperty("userId").GetString() == ownerId).GetProperty("role").GetString());
    }

    [Fact]
    public async Task AnOwnerMayLeaveOnceAnotherOwnerExistsAndAViewerMayLeave()
    {
        var (ownerId, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (secondId, second) = await _api.NewMemberAsync(workspace, owner, "owner");
        var (viewerId, viewer) = await _api.NewMemberAsync(workspace, owner, "viewer");

        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{viewerId}", token: viewer, expected: HttpStatusCode.NoContent);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{ownerId}", token: owner, expected: HttpStatusCode.NoContent);

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: owner, expected: HttpStatusCode.NotFound);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{secondId}", token: second, expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnInvitationExpiresAfterSevenDays()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var invitation = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email, role = "viewer" }, owner, HttpStatusCode.Created);

        host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var token = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString();
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{invitation.GetProperty("token").GetString()}/accept", null, token, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdministratorCannotDisableTheirOwnAccount()
    {
        var admin = await _api.AdminTokenAsync();
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: admin);

        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/admin/users/{me.GetProperty("id").GetString()}/disable", null, admin, HttpStatusCode.Conflict);
        var users = await _api.JsonAsync(HttpMethod.Get, "/api/v1/admin/users", token: admin);
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == ApiHost.AdminEmail && !u.GetProperty("disabled").GetBoolean());
    }
}
