namespace PyAirtable.Mcp.Tests;

/// <summary>Every tool over real Streamable HTTP with the SDK's client, on a local base, with an admin API key.</summary>
[Collection(SharedSilo.Name)]
public sealed class ToolTests(McpHost host)
{
    private readonly Platform _platform = new(host);

    public static readonly string[] ReadTools = ["list_workspaces", "list_bases", "list_tables", "describe_table", "get_field_info", "list_records", "search_records", "get_record", "list_comments"];
    public static readonly string[] WriteTools = ["create_records", "update_records", "upsert_records", "delete_records", "create_comment", "revert_change"];
    public static readonly string[] SchemaTools = ["create_table", "update_table", "create_field", "update_field"];

    [Fact]
    public async Task AnAdminKeySeesEveryToolWithDescribedParametersAndTruthfulAnnotations()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);

        var tools = await client.ListToolsAsync();

        Assert.Equal(ReadTools.Concat(WriteTools).Concat(SchemaTools).Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            foreach (var parameter in tool.JsonSchema.GetProperty("properties").EnumerateObject())
            {
                Assert.True(parameter.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, $"{tool.Name}.{parameter.Name}");
            }

            var annotations = tool.ProtocolTool.Annotations!;
            Assert.Equal(ReadTools.Contains(tool.Name), annotations.ReadOnlyHint);
            Assert.False(annotations.OpenWorldHint);
            Assert.Equal(tool.Name.StartsWith("update_", StringComparison.Ordinal) || tool.Name is "upsert_records" or "delete_records" or "revert_change", annotations.DestructiveHint);
            Assert.Equal("object", tool.ProtocolTool.OutputSchema!.Value.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task WorkspacesAndBasesAreThoseOfTheKeysWorkspaceOnly()
    {
        var mine = await _platform.NewBaseAsync();
        var other = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(mine.Key);

        var workspaces = await client.CallAsync("list_workspaces");
        var bases = await client.CallAsync("list_bases");

        Assert.Equal(new[] { mine.WorkspaceId }, workspaces.GetProperty("workspaces").Strings("id"));
        Assert.Equal("admin", workspaces.GetProperty("workspaces")[0].GetProperty("role").GetString());
        Assert.Equal(new[] { mine.BaseId }, bases.GetProperty("bases").Strings("id"));
        Assert.Equal("local", bases.GetProperty("bases")[0].GetProperty("source").GetString());
        var hidden = await client.FailAsync("list_tables", new { baseId = other.BaseId });
        Assert.Contains("list_bases", hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemaIsReadAtEachDetailLevel()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);

        var names = await client.CallAsync("list_tables", new { baseId = test.BaseId, detailLevel = "tableIdentifiersOnly" });
        var ids = await client.CallAsync("list_tables", new { baseId = test.BaseId, detailLevel = "identifiersOnly" });
        var full = await client.CallAsync("list_tables", new { baseId = test.BaseId });
        var table = await client.CallAsync("describe_table", new { baseId = test.BaseId, table = "Tasks" });
        var status = await client.CallAsync("get_field_info", new { baseId = test.BaseId, table = "Tasks", field = "Status" });
        var name = await client.CallAsync("get_field_info", new { baseId = test.BaseId, table = table.GetProperty("id").GetString(), field = "Name" });

        Assert.False(names.GetProperty("tables")[0].TryGetProperty("fields", out _));
        var idField = ids.GetProperty("tables")[0].GetProperty("fields")[0];
        Assert.False(idField.TryGetProperty("type", out _));
        Assert.Equal("Name", idField.GetProperty("name").GetString());
        Assert.Equal("singleSelect", full.GetProperty("tables")[0].GetProperty("fields")[1].GetProperty("type").GetString());
        Assert.Equal(new[] { "Name", "Status", "Points", "Notes" }, table.GetProperty("fields").Strings("name"));
        Assert.Equal(new[] { "Open", "Done" }, status.GetProperty("options").GetProperty("choices").Strings("name"));
        Assert.False(status.GetProperty("isPrimary").GetBoolean());
        Assert.True(name.GetProperty("isPrimary").GetBoolean());
        Assert.Contains("detailLevel", await client.FailAsync("list_tables", new { baseId = test.BaseId, detailLevel = "everything" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsAreCreatedListedSearchedUpdatedUpsertedAndDeletedInBatches()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var records = Enumerable.Range(1, 23).Select(i => new { fields = new Dictionary<string, object> { ["Name"] = $"Task {i:00}", ["Points"] = i, ["Status"] = i % 2 == 0 ? "Done" : "Open" } }).ToArray();

        var created = await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records });
        var ids = created.GetProperty("records").Strings("id").ToList();
        Assert.Equal(23, ids.Distinct().Count());

        var page = await client.CallAsync("list_records", new
        {
            baseId = test.BaseId, table = "Tasks", filterByFormula = "{Status} = 'Done'", sort = new[] { new { field = "Points", direction = "desc" } },
            fields = new[] { "Name", "Points" }, pageSize = 5,
        });
        Assert.Equal(new[] { "Task 22", "Task 20", "Task 18", "Task 16", "Task 14" }, page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("fields").GetProperty("Name").GetString()));
        Assert.False(page.GetProperty("records")[0].GetProperty("fields").TryGetProperty("Status", out _));
        var next = await client.CallAsync("list_records", new
        {
            baseId = test.BaseId, table = "Tasks", filterByFormula = "{Status} = 'Done'", sort = new[] { new { field = "Points", direction = "desc" } },
            pageSize = 5, offset = page.GetProperty("offset").GetString(),
        });
        Assert.Equal("Task 12", next.GetProperty("records")[0].GetProperty("fields").GetProperty("Name").GetString());
        var limited = await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks", maxRecords = 3 });
        Assert.Equal(3, limited.GetProperty("records").GetArrayLength());

        var found = await client.CallAsync("search_records", new { baseId = test.BaseId, table = "Tasks", searchTerm = "TASK 1" });
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"Task {i}"), found.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("fields").GetProperty("Name").GetString()!).Order());

        var one = await client.CallAsync("get_record", new { baseId = test.BaseId, table = "Tasks", recordId = ids[0] });
        Assert.Equal("Task 01", one.GetProperty("fields").GetProperty("Name").GetString());

        var updates = ids.Take(12).Select(id => new { id, fields = new { Status = "Done" } }).ToArray();
        var updated = await client.CallAsync("update_records", new { baseId = test.BaseId, table = "Tasks", records = updates });
        Assert.All(updated.GetProperty("records").EnumerateArray(), r => Assert.Equal("Done", r.GetProperty("fields").GetProperty("Status").GetString()));

        var upserted = await client.CallAsync("upsert_records", new
        {
            baseId = test.BaseId, table = "Tasks", fieldsToMergeOn = new[] { "Name" },
            records = new object[] { new { fields = new { Name = "Task 01", Points = 100 } }, new { fields = new { Name = "Task 99", Points = 99 } } },
        });
        Assert.Equal(new[] { ids[0] }, upserted.GetProperty("updatedRecords").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(upserted.GetProperty("createdRecords").EnumerateArray());
        ids.Add(upserted.GetProperty("createdRecords")[0].GetString()!);

        var deleted = await client.CallAsync("delete_records", new { baseId = test.BaseId, table = "Tasks", recordIds = ids });
        Assert.Equal(24, deleted.GetProperty("deletedRecordIds").GetArrayLength());
        var empty = await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" });
        Assert.Equal(0, empty.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task SearchFindsQuotesAndBackslashesLiterallyInTheNamedFieldsOnly()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        await client.CallAsync("create_records", new
        {
            baseId = test.BaseId, table = "Tasks",
            records = new object[]
            {
                new { fields = new { Name = "Quote", Notes = "He said \"hi\" \\ twice" } },
                new { fields = new { Name = "He said \"hi\" \\ twice", Notes = "in the name" } },
                new { fields = new { Name = "Plain", Notes = "said hi" } },
            },
        });

        var everywhere = await client.CallAsync("search_records", new { baseId = test.BaseId, table = "Tasks", searchTerm = "\"HI\" \\" });
        var notes = await client.CallAsync("search_records", new { baseId = test.BaseId, table = "Tasks", searchTerm = "\"hi\"", fields = new[] { "Notes" } });

        Assert.Equal(new[] { "He said \"hi\" \\ twice", "Quote" }, everywhere.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("fields").GetProperty("Name").GetString()).Order());
        Assert.Equal("Quote", Assert.Single(notes.GetProperty("records").EnumerateArray()).GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task CommentsAreWrittenAsTheKeysOwnerAndListed()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var record = (await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Commented" } } } }))
            .GetProperty("records")[0].GetProperty("id").GetString();

        var comment = await client.CallAsync("create_comment", new { baseId = test.BaseId, table = "Tasks", recordId = record, text = "Looks good" });
        var comments = await client.CallAsync("list_comments", new { baseId = test.BaseId, table = "Tasks", recordId = record });

        Assert.Equal(test.OwnerId, comment.GetProperty("comment").GetProperty("authorId").GetString());
        Assert.Equal(new[] { "Looks good" }, comments.GetProperty("comments").Strings("text"));
    }

    [Fact]
    public async Task SchemaWritesChangeTheBaseAsTheV0ApiSeesIt()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);

        var table = await client.CallAsync("create_table", new
        {
            baseId = test.BaseId, name = "People", description = "Who",
            fields = new object[] { new { name = "Full name", type = "singleLineText" }, new { name = "Age", type = "number", options = new { precision = 0 } } },
        });
        var tableId = table.GetProperty("table").GetProperty("id").GetString();
        await client.CallAsync("update_table", new { baseId = test.BaseId, table = tableId, name = "Staff" });
        var field = await client.CallAsync("create_field", new { baseId = test.BaseId, table = "Staff", name = "Double age", type = "formula", options = new { formula = "{Age} * 2" } });
        await client.CallAsync("update_field", new { baseId = test.BaseId, table = tableId, field = field.GetProperty("field").GetProperty("id").GetString(), description = "Twice the age" });

        var v0 = await _platform.JsonAsync(HttpMethod.Get, $"/v0/meta/bases/{test.BaseId}/tables", token: test.Key);
        var staff = v0.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("id").GetString() == tableId);
        Assert.Equal("Staff", staff.GetProperty("name").GetString());
        var doubled = staff.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Double age");
        Assert.Equal("formula", doubled.GetProperty("type").GetString());
        Assert.Equal("Twice the age", doubled.GetProperty("description").GetString());
        Assert.Contains("name or description", await client.FailAsync("update_table", new { baseId = test.BaseId, table = tableId }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgumentsComeBackAsToolErrorsThatSayWhatToFix()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);

        var table = await client.FailAsync("describe_table", new { baseId = test.BaseId, table = "Nope" });
        var field = await client.FailAsync("get_field_info", new { baseId = test.BaseId, table = "Tasks", field = "Nope" });
        var formula = await client.FailAsync("list_records", new { baseId = test.BaseId, table = "Tasks", filterByFormula = "{Nope" });
        var value = await client.FailAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Points = "many" } } } });
        var missing = await client.FailAsync("get_record", new { baseId = test.BaseId, table = "Tasks" });
        var empty = await client.FailAsync("delete_records", new { baseId = test.BaseId, table = "Tasks", recordIds = Array.Empty<string>() });
        var unknown = await client.FailAsync("get_record", new { baseId = test.BaseId, table = "Tasks", recordId = "recAAAAAAAAAAAAAA" });
        var wrongType = await client.FailAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = "not a list" });
        var wrongNumber = await client.FailAsync("list_records", new { baseId = test.BaseId, table = "Tasks", maxRecords = "lots" });
        var badId = await client.FailAsync("list_tables", new { baseId = "not-a-base" });

        Assert.Contains("Tasks", table, StringComparison.Ordinal);
        Assert.Contains("Name, Status, Points, Notes", field, StringComparison.Ordinal);
        Assert.Contains("formula", formula, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Points", value, StringComparison.Ordinal);
        Assert.Contains("recordId", missing, StringComparison.Ordinal);
        Assert.Contains("recordIds", empty, StringComparison.Ordinal);
        Assert.Contains("recAAAAAAAAAAAAAA", unknown, StringComparison.Ordinal);
        Assert.Equal("Invalid arguments: records must be an array (got a string).", wrongType);
        Assert.Equal("Invalid arguments: maxRecords must be an integer (got a string).", wrongNumber);
        Assert.Contains("not-a-base", badId, StringComparison.Ordinal);
        var unknownTool = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => client.CallToolAsync("drop_everything").AsTask());
        Assert.Equal(ModelContextProtocol.McpErrorCode.InvalidParams, unknownTool.ErrorCode);
    }

    [Fact]
    public async Task ARefusedBatchSaysWhichEarlierBatchesWereApplied()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.Key);
        var records = Enumerable.Range(1, 12).Select(i => new { fields = new Dictionary<string, object> { ["Name"] = $"R{i}", ["Points"] = i == 12 ? "twelve" : i } }).ToArray();

        var message = await client.FailAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records });
        var listed = await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" });

        Assert.Contains("Batch 2 of 2", message, StringComparison.Ordinal);
        Assert.Equal(10, listed.GetProperty("records").GetArrayLength());
        Assert.All(listed.GetProperty("records").Strings("id"), id => Assert.Contains(id, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AUserAccessTokenWorksWithItsRoleInEachWorkspace()
    {
        var test = await _platform.NewBaseAsync();
        await using var client = await _platform.ConnectAsync(test.OwnerToken);

        var tools = await client.ListToolsAsync();
        var bases = await client.CallAsync("list_bases", new { workspaceId = test.WorkspaceId });

        Assert.Equal(19, tools.Count);
        Assert.Equal(new[] { test.BaseId }, bases.GetProperty("bases").Strings("id"));
        Assert.Equal("create", bases.GetProperty("bases")[0].GetProperty("permissionLevel").GetString());
    }

}
