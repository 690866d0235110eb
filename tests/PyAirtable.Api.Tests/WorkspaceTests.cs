using System.Net;

namespace PyAirtable.Api.Tests;

public sealed class WorkspaceTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task TheCreatorOwnsANewWorkspaceAndSeesItInTheirList()
    {
        var (_, token) = await _api.NewUserAsync();
        var created = await _api.JsonAsync(HttpMethod.Post, "/api/v1/workspaces", new { name = "Sales" }, token, HttpStatusCode.Created);

        Assert.Equal("owner", created.GetProperty("role").GetString());
        var list = await _api.JsonAsync(HttpMethod.Get, "/api/v1/workspaces", token: token);
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("id").GetString() == created.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ANonMemberGetsNotFoundForAnotherWorkspaceById()
    {
        var (_, owner) = await _api.NewUserAsync();
        var (_, stranger) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);

        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: stranger, expected: HttpStatusCode.NotFound);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/members", token: stranger, expected: HttpStatusCode.NotFound);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}", token: stranger, expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnInvitedViewerReadsButCannotManage()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (_, viewer) = await _api.NewMemberAsync(workspace, owner, "viewer");

        var members = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/members", token: viewer);
        Assert.Equal(2, members.GetArrayLength());
        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}", new { name = "Mine" }, viewer, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email = Api.NewEmail(), role = "viewer" }, viewer, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnInvitationOnlyWorksForTheInvitedEmailAndOnlyOnce()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var invited = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString();
        var (_, other) = await _api.NewUserAsync();
        var token = (await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email, role = "editor" }, owner, HttpStatusCode.Created)).GetProperty("token").GetString();

        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{token}/accept", null, other, HttpStatusCode.Forbidden);
        var joined = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{token}/accept", null, invited);
        Assert.Equal("editor", joined.GetProperty("role").GetString());
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{token}/accept", null, invited, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheLastOwnerCannotLeaveOrBeDemoted()
    {
        var (ownerId, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);

        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{ownerId}", token: owner, expected: HttpStatusCode.Conflict);
        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}/members/{ownerId}", new { role = "admin" }, owner, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnAdminCannotPromoteToOwnerButTheOwnerCanTransferOwnership()
    {
        var (ownerId, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (adminId, admin) = await _api.NewMemberAsync(workspace, owner, "admin");

        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}/members/{adminId}", new { role = "owner" }, admin, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/transfer-ownership", new { userId = adminId }, admin, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/transfer-ownership", new { userId = adminId }, owner, HttpStatusCode.NoContent);

        var members = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/members", token: admin);
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == adminId && m.GetProperty("role").GetString() == "owner");
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == ownerId && m.GetProperty("role").GetString() == "admin");
    }

    [Fact]
    public async Task OnlyAnOwnerDeletesAWorkspaceAndThenItIsGoneForEveryone()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (_, admin) = await _api.NewMemberAsync(workspace, owner, "admin");

        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}", token: admin, expected: HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}", token: owner, expected: HttpStatusCode.NoContent);
        await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: admin, expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownRoleIsABadRequest()
    {
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);

        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email = Api.NewEmail(), role = "emperor" }, owner, HttpStatusCode.BadRequest);
    }
}
