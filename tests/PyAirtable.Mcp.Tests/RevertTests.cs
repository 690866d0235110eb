using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Mcp.Tests;

/// <summary>Every applied write has a change id, journaled and audited, and revert_change undoes it or says why it cannot.</summary>
[Collection(SharedSilo.Name)]
public sealed class RevertTests(McpHost host)
{
    private readonly Platform _platform = new(host);

    private static async Task<string> CreateAsync(McpClient client, TestBase test, string name, int points) =>
        (await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = name, Points = points } } } }))
            .GetProperty("records")[0].GetProperty("id").GetString()!;

    private static async Task<string> RecordsAsync(McpClient client, TestBase test) =>
        string.Join("|", (await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" })).GetProperty("records").EnumerateArray()
            .Select(r => r.GetProperty("fields").GetRawText()).Order(StringComparer.Ordinal));

    [Fact]
    public async Task RevertingAnUpdateRestoresTheOldValuesAndASecondRevertIsRefused()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var id = await CreateAsync(client, test, "Before", 1);
        var before = await RecordsAsync(client, test);

        var updated = await client.CallAsync("update_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { id, fields = new { Name = "After", Status = "Done" } } } });
        var changeId = updated.GetProperty("changeId").GetString();
        var reverted = await client.CallAsync("revert_change", new { changeId });
        var again = await client.FailAsync("revert_change", new { changeId });

        Assert.StartsWith("chg", changeId, StringComparison.Ordinal);
        Assert.Equal(before, await RecordsAsync(client, test));
        Assert.Equal(0, reverted.GetProperty("notUndone").GetArrayLength());
        Assert.Contains("already reverted", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevertingACreateDeletesTheRecordsAndRevertingADeleteRecreatesThem()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var kept = await CreateAsync(client, test, "Kept", 5);
        var created = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "New", Points = 2 } } } });
        var withKept = await RecordsAsync(client, test);

        await client.CallAsync("revert_change", new { changeId = created.GetProperty("changeId").GetString() });
        var afterCreateRevert = await RecordsAsync(client, test);
        var deleted = await client.CallAsync("delete_records", new { baseId = test.BaseId, table = "Tasks", recordIds = new[] { kept } });
        var restored = await client.CallAsync("revert_change", new { changeId = deleted.GetProperty("changeId").GetString() });

        Assert.Equal("{\"Name\":\"Kept\",\"Points\":5}", afterCreateRevert);
        Assert.NotEqual(withKept, afterCreateRevert);
        Assert.Equal("{\"Name\":\"Kept\",\"Points\":5}", await RecordsAsync(client, test));
        Assert.Contains("recreated", restored.GetProperty("undone")[0].GetString(), StringComparison.Ordinal);
        Assert.NotNull(restored.GetProperty("revertChangeId").GetString());
    }

    [Fact]
    public async Task ARecordChangedSinceIsLeftAloneAndReported()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var id = await CreateAsync(client, test, "One", 1);
        var first = await client.CallAsync("update_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { id, fields = new { Points = 2 } } } });
        await client.CallAsync("update_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { id, fields = new { Points = 3 } } } });

        var reverted = await client.CallAsync("revert_change", new { changeId = first.GetProperty("changeId").GetString() });
        var record = await client.CallAsync("get_record", new { baseId = test.BaseId, table = "Tasks", recordId = id });

        Assert.Contains("changed since", reverted.GetProperty("notUndone")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(3, record.GetProperty("fields").GetProperty("Points").GetInt32());
    }

    [Fact]
    public async Task SchemaRenamesAndCommentsAreRevertedAndCreatedFieldsAreReportedAsNotUndone()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var id = await CreateAsync(client, test, "C", 1);
        var renamed = await client.CallAsync("update_table", new { baseId = test.BaseId, table = "Tasks", name = "Jobs" });
        var comment = await client.CallAsync("create_comment", new { baseId = test.BaseId, table = "Jobs", recordId = id, text = "Oops" });
        var field = await client.CallAsync("create_field", new { baseId = test.BaseId, table = "Jobs", name = "Due", type = "date" });

        await client.CallAsync("revert_change", new { changeId = renamed.GetProperty("changeId").GetString() });
        await client.CallAsync("revert_change", new { changeId = comment.GetProperty("changeId").GetString() });
        var fieldRevert = await client.CallAsync("revert_change", new { changeId = field.GetProperty("changeId").GetString() });
        var comments = await client.CallAsync("list_comments", new { baseId = test.BaseId, table = "Tasks", recordId = id });

        Assert.Equal(0, comments.GetProperty("comments").GetArrayLength());
        Assert.Contains("cannot be deleted", fieldRevert.GetProperty("notUndone")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyWritersWithAccessToTheBaseMayRevert()
    {
        var test = await _platform.NewBaseAsync();
        var other = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var created = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Mine" } } } });
        var changeId = created.GetProperty("changeId").GetString();
        var readKey = await _platform.KeyAsync(test.OwnerToken, test.WorkspaceId, "read");
        await using var reader = await _platform.ConnectAsync(readKey);
        await using var stranger = await _platform.ConnectAsync(other.Key);

        var readRefused = await reader.FailAsync("revert_change", new { changeId });
        var strangerRefused = await stranger.FailAsync("revert_change", new { changeId });

        Assert.Contains("write scope", readRefused, StringComparison.Ordinal);
        Assert.Contains("No change", strangerRefused, StringComparison.Ordinal);
        Assert.Equal(1, (await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" })).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task TheAuditEntryOfAWriteNamesItsChangeId()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var created = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Audited" } } } });

        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));
        var trail = await _platform.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{test.WorkspaceId}/audit", token: test.OwnerToken);

        Assert.Contains(trail.EnumerateArray().Select(e => e.GetProperty("event").GetProperty("detail").GetString()),
            d => d!.Contains("; change=" + created.GetProperty("changeId").GetString(), StringComparison.Ordinal));
    }
}
