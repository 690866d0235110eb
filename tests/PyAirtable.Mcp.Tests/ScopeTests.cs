namespace PyAirtable.Mcp.Tests;

/// <summary>What each API key scope lists and may call; refusals are tool errors and change nothing.</summary>
[Collection(SharedSilo.Name)]
public sealed class ScopeTests(McpHost host)
{
    private readonly Platform _platform = new(host);

    [Fact]
    public async Task AReadKeyListsOnlyReadOnlyToolsAndCannotWrite()
    {
        var test = await _platform.NewBaseAsync();
        var readKey = await _platform.KeyAsync(test.OwnerToken, test.WorkspaceId, "read");
        await using var client = await _platform.ConnectAsync(readKey);

        var tools = await client.ListToolsAsync();
        var refused = await client.FailAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Sneaky" } } } });
        var records = await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" });

        Assert.Equal(ToolTests.ReadTools.Order(), tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations!.ReadOnlyHint));
        Assert.Contains("write scope", refused, StringComparison.Ordinal);
        Assert.Equal(0, records.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task AWriteKeyWritesRecordsButNotTheSchema()
    {
        var test = await _platform.NewBaseAsync();
        var writeKey = await _platform.KeyAsync(test.OwnerToken, test.WorkspaceId, "read", "write");
        await using var client = await _platform.ConnectAsync(writeKey);

        var tools = await client.ListToolsAsync();
        await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Allowed" } } } });
        var refused = await client.FailAsync("create_field", new { baseId = test.BaseId, table = "Tasks", name = "Extra", type = "number" });
        var table = await client.CallAsync("describe_table", new { baseId = test.BaseId, table = "Tasks" });

        Assert.Equal(ToolTests.ReadTools.Concat(ToolTests.WriteTools).Order(), tools.Select(t => t.Name).Order());
        Assert.Contains("admin scope", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Extra", table.GetProperty("fields").Strings("name"));
    }

    [Fact]
    public async Task AViewerMembersTokenReadsButIsToldWhatWritingNeeds()
    {
        var test = await _platform.NewBaseAsync();
        var (viewerId, viewerToken) = await _platform.NewUserAsync();
        var viewerEmail = (await _platform.JsonAsync(HttpMethod.Get, "/api/v1/me", token: viewerToken)).GetProperty("email").GetString();
        var invitation = await _platform.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{test.WorkspaceId}/invitations", new { email = viewerEmail, role = "viewer" }, test.OwnerToken, System.Net.HttpStatusCode.Created);
        await _platform.JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{invitation.GetProperty("token").GetString()}/accept", null, viewerToken);
        await using var client = await _platform.ConnectAsync(viewerToken);

        var bases = await client.CallAsync("list_bases");
        var refused = await client.FailAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "No" } } } });

        Assert.False(string.IsNullOrEmpty(viewerId));
        Assert.Equal("read", bases.GetProperty("bases")[0].GetProperty("permissionLevel").GetString());
        Assert.Contains("write access", refused, StringComparison.Ordinal);
    }
}
