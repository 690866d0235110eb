using System.Text.Json;

namespace PyAirtable.Mcp.Tests;

/// <summary>Every writing tool's dry run describes exactly the change that applying it makes, and stores nothing.</summary>
[Collection(SharedSilo.Name)]
public sealed class DryRunTests(McpHost host)
{
    private readonly Platform _platform = new(host);

    private static string Cells(JsonElement change, string side) =>
        change.TryGetProperty(side, out var cells) ? cells.GetRawText() : "null";

    private static async Task<int> CountAsync(ModelContextProtocol.Client.McpClient client, TestBase test) =>
        (await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" })).GetProperty("records").GetArrayLength();

    [Fact]
    public async Task ADryRunCreateDescribesTheSameCellsAsApplyingItAndStoresNothing()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var records = new[] { new { fields = new { Name = "A", Points = 3 } }, new { fields = new { Name = "B", Points = 4 } } };

        var dry = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records, dryRun = true });
        var countAfterDryRun = await CountAsync(client, test);
        var applied = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records });

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.False(applied.GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, countAfterDryRun);
        Assert.Equal(dry.GetProperty("changes").EnumerateArray().Select(c => Cells(c, "after")), applied.GetProperty("changes").EnumerateArray().Select(c => Cells(c, "after")));
        Assert.All(dry.GetProperty("changes").EnumerateArray(), c => Assert.Equal("create", c.GetProperty("action").GetString()));
        Assert.Equal(applied.GetProperty("records").Strings("id"), applied.GetProperty("changes").Strings("recordId"));
    }

    [Fact]
    public async Task ADryRunUpdateShowsEachRecordBeforeAndAfterExactlyAsTheUpdateLeavesIt()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var id = (await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Old", Points = 1 } } } }))
            .GetProperty("records")[0].GetProperty("id").GetString();
        var updates = new[] { new { id, fields = new { Name = "New" } } };

        var dry = await client.CallAsync("update_records", new { baseId = test.BaseId, table = "Tasks", records = updates, replace = true, dryRun = true });
        var unchanged = await client.CallAsync("get_record", new { baseId = test.BaseId, table = "Tasks", recordId = id });
        var applied = await client.CallAsync("update_records", new { baseId = test.BaseId, table = "Tasks", records = updates, replace = true });
        var stored = await client.CallAsync("get_record", new { baseId = test.BaseId, table = "Tasks", recordId = id });

        var change = dry.GetProperty("changes")[0];
        Assert.Equal("Old", change.GetProperty("before").GetProperty("Name").GetString());
        Assert.Equal(1, change.GetProperty("before").GetProperty("Points").GetInt32());
        Assert.False(change.GetProperty("after").TryGetProperty("Points", out _));
        Assert.Equal("Old", unchanged.GetProperty("fields").GetProperty("Name").GetString());
        Assert.Equal(dry.GetProperty("changes").GetRawText(), applied.GetProperty("changes").GetRawText());
        Assert.Equal(Cells(change, "after"), stored.GetProperty("fields").GetRawText());
    }

    [Fact]
    public async Task ADryRunUpsertAndDeleteDescribeTheApplyWithoutChangingAnything()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var id = (await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Kept", Points = 1 } } } }))
            .GetProperty("records")[0].GetProperty("id").GetString();
        var upserts = new object[] { new { fields = new { Name = "Kept", Points = 9 } }, new { fields = new { Name = "Fresh", Points = 2 } } };

        var dryUpsert = await client.CallAsync("upsert_records", new { baseId = test.BaseId, table = "Tasks", records = upserts, fieldsToMergeOn = new[] { "Name" }, dryRun = true });
        var countAfterDryRun = await CountAsync(client, test);
        var upserted = await client.CallAsync("upsert_records", new { baseId = test.BaseId, table = "Tasks", records = upserts, fieldsToMergeOn = new[] { "Name" } });
        var dryDelete = await client.CallAsync("delete_records", new { baseId = test.BaseId, table = "Tasks", recordIds = new[] { id }, dryRun = true });
        var countAfterDryDelete = await CountAsync(client, test);
        var deleted = await client.CallAsync("delete_records", new { baseId = test.BaseId, table = "Tasks", recordIds = new[] { id } });

        Assert.Equal(1, countAfterDryRun);
        Assert.Equal(new[] { "update", "create" }, dryUpsert.GetProperty("changes").Strings("action"));
        Assert.Equal(dryUpsert.GetProperty("changes").EnumerateArray().Select(c => Cells(c, "before") + Cells(c, "after")),
            upserted.GetProperty("changes").EnumerateArray().Select(c => Cells(c, "before") + Cells(c, "after")));
        Assert.Equal(new[] { id }, dryUpsert.GetProperty("updatedRecords").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, countAfterDryDelete);
        Assert.Equal(dryDelete.GetProperty("changes").GetRawText(), deleted.GetProperty("changes").GetRawText());
        Assert.Equal(9, deleted.GetProperty("changes")[0].GetProperty("before").GetProperty("Points").GetInt32());
    }

    [Fact]
    public async Task SchemaAndCommentDryRunsDescribeTheChangeAndLeaveTheBaseAsItWas()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var record = (await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "C" } } } }))
            .GetProperty("records")[0].GetProperty("id").GetString();
        var fields = new object[] { new { name = "Title", type = "singleLineText" }, new { name = "Size", type = "number", options = new { precision = 1 } } };

        var dryTable = await client.CallAsync("create_table", new { baseId = test.BaseId, name = "Things", fields, dryRun = true });
        var table = await client.CallAsync("create_table", new { baseId = test.BaseId, name = "Things", fields });
        var dryRename = await client.CallAsync("update_table", new { baseId = test.BaseId, table = "Things", name = "Stuff", dryRun = true });
        var rename = await client.CallAsync("update_table", new { baseId = test.BaseId, table = "Things", name = "Stuff" });
        var dryField = await client.CallAsync("create_field", new { baseId = test.BaseId, table = "Tasks", name = "Due", type = "date", dryRun = true });
        var dryFieldUpdate = await client.CallAsync("update_field", new { baseId = test.BaseId, table = "Tasks", field = "Notes", description = "Free text", dryRun = true });
        var fieldUpdate = await client.CallAsync("update_field", new { baseId = test.BaseId, table = "Tasks", field = "Notes", description = "Free text" });
        var dryComment = await client.CallAsync("create_comment", new { baseId = test.BaseId, table = "Tasks", recordId = record, text = "Hi", dryRun = true });
        var taken = await client.FailAsync("create_table", new { baseId = test.BaseId, name = "Tasks", fields, dryRun = true });
        var badType = await client.FailAsync("create_field", new { baseId = test.BaseId, table = "Tasks", name = "X", type = "sparkles", dryRun = true });
        var tasks = await client.CallAsync("describe_table", new { baseId = test.BaseId, table = "Tasks" });
        var comments = await client.CallAsync("list_comments", new { baseId = test.BaseId, table = "Tasks", recordId = record });

        static IEnumerable<string> Shape(JsonElement t) => t.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString() + ":" + f.GetProperty("type").GetString());
        Assert.Equal(Shape(dryTable.GetProperty("table")), Shape(table.GetProperty("table")));
        Assert.Equal(dryRename.GetProperty("table").GetRawText(), rename.GetProperty("table").GetRawText());
        Assert.Equal("Things", dryRename.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("date", dryField.GetProperty("field").GetProperty("type").GetString());
        Assert.DoesNotContain("Due", tasks.GetProperty("fields").Strings("name"));
        Assert.Equal(dryFieldUpdate.GetProperty("field").GetRawText(), fieldUpdate.GetProperty("field").GetRawText());
        Assert.True(dryComment.GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, comments.GetProperty("comments").GetArrayLength());
        Assert.Contains("already exists", taken, StringComparison.Ordinal);
        Assert.Contains("not supported", badType, StringComparison.Ordinal);
    }
}
