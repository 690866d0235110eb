using System.Net;

namespace PyAirtable.Api.Tests;

public sealed class BaseRestTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    private static object Tables => new object[]
    {
        new { name = "People", fields = new object[] { new { name = "Name", type = "singleLineText" } } },
        new { name = "Tasks", fields = new object[] { new { name = "Name", type = "singleLineText" }, new { name = "Points", type = "number" } } },
    };

    private async Task<(string Token, string Workspace, string Base, System.Text.Json.JsonElement Schema)> BaseAsync()
    {
        var (_, token) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(token);
        var schema = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/bases", new { name = "Plans", tables = Tables }, token, HttpStatusCode.Created);
        return (token, workspace, schema.GetProperty("info").GetProperty("id").GetString()!, schema);
    }

    [Fact]
    public async Task AWorkspaceAdminCreatesALocalBaseAndSeesItListed()
    {
        var (token, workspace, baseId, schema) = await BaseAsync();

        Assert.StartsWith("app", baseId, StringComparison.Ordinal);
        Assert.Equal(2, schema.GetProperty("tables").GetArrayLength());
        var list = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/bases", token: token);
        Assert.Equal(baseId, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task LinkLookupAndRollupFieldsFollowChangesInTheLinkedTable()
    {
        var (token, workspace, baseId, schema) = await BaseAsync();
        var root = $"/api/v1/workspaces/{workspace}/bases/{baseId}/tables";
        var people = schema.GetProperty("tables")[0].GetProperty("id").GetString();
        var tasks = schema.GetProperty("tables")[1].GetProperty("id").GetString();
        var link = await _api.JsonAsync(HttpMethod.Post, $"{root}/{tasks}/fields", new { name = "Owner", type = "multipleRecordLinks", options = new { linkedTableId = people } }, token, HttpStatusCode.Created);
        var inverse = link.GetProperty("options").GetProperty("inverseLinkFieldId").GetString();
        var points = await _api.JsonAsync(HttpMethod.Post, $"{root}/{people}/fields", new { name = "Points", type = "rollup", options = new { recordLinkFieldId = inverse, fieldIdInLinkedTable = "Points", formula = "SUM(values)" } }, token, HttpStatusCode.Created);
        var person = (await _api.JsonAsync(HttpMethod.Post, $"{root}/{people}/records", new { records = new[] { new { fields = new { Name = "Ada" } } } }, token))[0].GetProperty("id").GetString();

        var task = (await _api.JsonAsync(HttpMethod.Post, $"{root}/{tasks}/records", new { records = new[] { new { fields = new Dictionary<string, object> { ["Name"] = "Ship", ["Points"] = 3, ["Owner"] = new[] { person } } } } }, token))[0].GetProperty("id").GetString();
        await _api.JsonAsync(HttpMethod.Post, $"{root}/{tasks}/records", new { records = new[] { new { id = task, fields = new { Points = 8 } } } }, token);

        var ada = await _api.JsonAsync(HttpMethod.Get, $"{root}/{people}/records/{person}", token: token);
        Assert.Equal(8, ada.GetProperty("fields").GetProperty(points.GetProperty("id").GetString()!).GetDouble());
        Assert.Equal(task, ada.GetProperty("fields").GetProperty(inverse!)[0].GetString());

        await _api.JsonAsync(HttpMethod.Delete, $"{root}/{tasks}/records/{task}", token: token, expected: HttpStatusCode.NoContent);
        var after = await _api.JsonAsync(HttpMethod.Get, $"{root}/{people}/records/{person}", token: token);
        Assert.False(after.GetProperty("fields").TryGetProperty(inverse!, out _));
        Assert.Equal(0, after.GetProperty("fields").GetProperty(points.GetProperty("id").GetString()!).GetDouble());
    }

    [Fact]
    public async Task RefusedWritesAreValidationProblemsWithAStableType()
    {
        var (token, workspace, baseId, schema) = await BaseAsync();
        var tasks = schema.GetProperty("tables")[1].GetProperty("id").GetString();

        var problem = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/bases/{baseId}/tables/{tasks}/records",
            new { records = new[] { new { fields = new { Points = "lots" } } } }, token, (HttpStatusCode)422);

        Assert.Equal("https://pyairtable.dev/problems/base/invalid-value", problem.GetProperty("type").GetString());
        Assert.Contains("Points", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABaseOfAnotherWorkspaceIsNotFoundThroughThisOne()
    {
        var (token, _, baseId, _) = await BaseAsync();
        var other = await _api.NewWorkspaceAsync(token);

        var problem = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{other}/bases/{baseId}", token: token, expected: HttpStatusCode.NotFound);

        Assert.Equal("https://pyairtable.dev/problems/not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheAdministratorStartsWithTheDemoBaseFullOfLinkedRecords()
    {
        var login = await _api.LoginAsync(ApiHost.AdminEmail, ApiHost.AdminPassword);
        var token = login.GetProperty("accessToken").GetString();
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = ApiHost.AdminPassword, newPassword = "a-New-admin-Secret-7" }, token, HttpStatusCode.NoContent);
        token = (await _api.LoginAsync(ApiHost.AdminEmail, "a-New-admin-Secret-7")).GetProperty("accessToken").GetString();

        var workspace = Assert.Single((await _api.JsonAsync(HttpMethod.Get, "/api/v1/workspaces", token: token)).EnumerateArray()).GetProperty("id").GetString();
        var demo = Assert.Single((await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/bases", token: token)).EnumerateArray());
        Assert.Equal("Product Launch", demo.GetProperty("name").GetString());
        var schema = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/bases/{demo.GetProperty("id").GetString()}", token: token);
        var milestones = schema.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Milestones");
        var count = milestones.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Task count").GetProperty("id").GetString()!;
        var page = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/bases/{demo.GetProperty("id").GetString()}/tables/Milestones/records", token: token);
        Assert.Equal(8, page.GetProperty("records").GetArrayLength());
        Assert.Equal(170, page.GetProperty("records").EnumerateArray().Sum(r => r.GetProperty("fields").GetProperty(count).GetDouble()));
    }
}
