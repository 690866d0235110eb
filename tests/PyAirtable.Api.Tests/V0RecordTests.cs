using System.Net;

namespace PyAirtable.Api.Tests;

public sealed class V0RecordTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    private static readonly object[] _tasks =
    [
        new
        {
            name = "Tasks",
            fields = new object[]
            {
                new { name = "Name", type = "singleLineText" },
                new { name = "Points", type = "number", options = new { precision = 0 } },
                new { name = "Status", type = "singleSelect", options = new { choices = new[] { new { name = "Todo" }, new { name = "Done" } } } },
                new { name = "Done", type = "checkbox" },
                new { name = "Due", type = "date" },
                new { name = "Tags", type = "multipleSelects", options = new { choices = new[] { new { name = "api" } } } },
            },
        },
    ];

    private Task<V0Base> BaseAsync() => V0Base.CreateAsync(_api, _tasks);

    [Fact]
    public async Task CreatedRecordsComeBackWithIdsAndOnlyTheirNonEmptyFields()
    {
        var b = await BaseAsync();

        var records = await b.CreateAsync("Tasks", new { Name = "Write docs", Points = 3, Done = false, Status = "Todo" });

        var record = records[0];
        Assert.StartsWith("rec", record.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", record.GetProperty("createdTime").GetString(), StringComparison.Ordinal);
        var fields = record.GetProperty("fields");
        Assert.Equal("Write docs", fields.GetProperty("Name").GetString());
        Assert.Equal(3, fields.GetProperty("Points").GetDouble());
        Assert.False(fields.TryGetProperty("Done", out _));
        var fetched = await b.GetAsync($"/v0/{b.BaseId}/Tasks/{record.GetProperty("id").GetString()}");
        Assert.Equal("Todo", fetched.GetProperty("fields").GetProperty("Status").GetString());
    }

    [Fact]
    public async Task TheSingleRecordCreateFormAnswersWithTheRecordItself()
    {
        var b = await BaseAsync();

        var record = await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks", new { fields = new { Name = "One" } });

        Assert.Equal("One", record.GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task ListingFiltersSortsAndPagesWithAnOpaqueOffset()
    {
        var b = await BaseAsync();
        for (var i = 0; i < 3; i++)
        {
            await b.CreateAsync("Tasks", Enumerable.Range(0, 5).Select(j => (object)new { Name = $"T{(i * 5) + j:00}", Points = (i * 5) + j }).ToArray());
        }

        var first = await b.GetAsync($"/v0/{b.BaseId}/Tasks?filterByFormula={Uri.EscapeDataString("{Points} >= 4")}&sort%5B0%5D%5Bfield%5D=Points&sort%5B0%5D%5Bdirection%5D=desc&pageSize=5");
        var names = first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("fields").GetProperty("Name").GetString()).ToList();
        Assert.Equal(new[] { "T14", "T13", "T12", "T11", "T10" }, names);
        var offset = first.GetProperty("offset").GetString()!;

        var second = await b.GetAsync($"/v0/{b.BaseId}/Tasks?filterByFormula={Uri.EscapeDataString("{Points} >= 4")}&sort%5B0%5D%5Bfield%5D=Points&sort%5B0%5D%5Bdirection%5D=desc&pageSize=5&offset={Uri.EscapeDataString(offset)}");
        var third = await b.GetAsync($"/v0/{b.BaseId}/Tasks?filterByFormula={Uri.EscapeDataString("{Points} >= 4")}&sort%5B0%5D%5Bfield%5D=Points&sort%5B0%5D%5Bdirection%5D=desc&pageSize=5&offset={Uri.EscapeDataString(second.GetProperty("offset").GetString()!)}");
        Assert.Equal(5, second.GetProperty("records").GetArrayLength());
        Assert.Equal(1, third.GetProperty("records").GetArrayLength());
        Assert.False(third.TryGetProperty("offset", out _));
    }

    [Fact]
    public async Task ARepeatedFilteredListSeesEveryWriteMadeInBetween()
    {
        var b = await BaseAsync();
        await b.CreateAsync("Tasks", new { Name = "first", Points = 5 });
        var path = $"/v0/{b.BaseId}/Tasks?filterByFormula={Uri.EscapeDataString("{Points} > 3")}";
        Assert.Equal(1, (await b.GetAsync(path)).GetProperty("records").GetArrayLength());

        var created = await b.CreateAsync("Tasks", new { Name = "second", Points = 7 });
        Assert.Equal(2, (await b.GetAsync(path)).GetProperty("records").GetArrayLength());

        await b.SendAsync(HttpMethod.Patch, $"/v0/{b.BaseId}/Tasks/{created[0].GetProperty("id").GetString()}", new { fields = new { Points = 1 } });
        Assert.Equal(1, (await b.GetAsync(path)).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task AFilterThatReadsTheClockIsEvaluatedAgainAsTimePasses()
    {
        var b = await BaseAsync();
        var tomorrow = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await b.CreateAsync("Tasks", new { Name = "due", Due = tomorrow });
        var path = $"/v0/{b.BaseId}/Tasks?filterByFormula={Uri.EscapeDataString("IS_BEFORE({Due}, TODAY())")}";
        Assert.Equal(0, (await b.GetAsync(path)).GetProperty("records").GetArrayLength());

        host.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(1, (await b.GetAsync(path)).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task AnOffsetExpiresAfterTenMinutes()
    {
        var b = await BaseAsync();
        await b.CreateAsync("Tasks", new { Name = "a" }, new { Name = "b" });
        var first = await b.GetAsync($"/v0/{b.BaseId}/Tasks?pageSize=1");

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await b.GetAsync($"/v0/{b.BaseId}/Tasks?pageSize=1&offset={Uri.EscapeDataString(first.GetProperty("offset").GetString()!)}", (HttpStatusCode)422);

        V0Base.AssertError(expired, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
    }

    [Fact]
    public async Task ListRecordsByPostTakesTheSameParametersInTheBody()
    {
        var b = await BaseAsync();
        await b.CreateAsync("Tasks", new { Name = "keep", Points = 9 }, new { Name = "drop", Points = 1 });

        var page = await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks/listRecords", new { filterByFormula = "{Points} > 5", fields = new[] { "Name" }, maxRecords = "5" });

        var record = Assert.Single(page.GetProperty("records").EnumerateArray());
        Assert.Equal("keep", record.GetProperty("fields").GetProperty("Name").GetString());
        Assert.False(record.GetProperty("fields").TryGetProperty("Points", out _));
    }

    [Fact]
    public async Task PatchMergesFieldsAndPutClearsTheOnesLeftOut()
    {
        var b = await BaseAsync();
        var id = (await b.CreateAsync("Tasks", new { Name = "x", Points = 2, Status = "Todo" }))[0].GetProperty("id").GetString();

        var patched = await b.SendAsync(HttpMethod.Patch, $"/v0/{b.BaseId}/Tasks/{id}", new { fields = new { Points = 5 } });
        Assert.Equal("x", patched.GetProperty("fields").GetProperty("Name").GetString());
        Assert.Equal(5, patched.GetProperty("fields").GetProperty("Points").GetDouble());

        var replaced = await b.SendAsync(HttpMethod.Put, $"/v0/{b.BaseId}/Tasks", new { records = new[] { new { id, fields = (object)new { Name = "y" } } } });
        var fields = replaced.GetProperty("records")[0].GetProperty("fields");
        Assert.Equal("y", fields.GetProperty("Name").GetString());
        Assert.False(fields.TryGetProperty("Points", out _));
        Assert.False(fields.TryGetProperty("Status", out _));
    }

    [Fact]
    public async Task UpsertUpdatesMatchesAndCreatesTheRest()
    {
        var b = await BaseAsync();
        var existing = (await b.CreateAsync("Tasks", new { Name = "a", Points = 1 }))[0].GetProperty("id").GetString();

        var result = await b.SendAsync(HttpMethod.Patch, $"/v0/{b.BaseId}/Tasks", new
        {
            performUpsert = new { fieldsToMergeOn = new[] { "Name" } },
            records = new[] { new { fields = new { Name = "a", Points = 7 } }, new { fields = new { Name = "b", Points = 8 } } },
        });

        Assert.Equal(new[] { existing }, result.GetProperty("updatedRecords").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal(1, result.GetProperty("createdRecords").GetArrayLength());
        Assert.Equal(7, result.GetProperty("records")[0].GetProperty("fields").GetProperty("Points").GetDouble());
    }

    [Fact]
    public async Task DeletingOneAndManyRecordsReportsEachAndTheyAreGone()
    {
        var b = await BaseAsync();
        var ids = (await b.CreateAsync("Tasks", new { Name = "a" }, new { Name = "b" }, new { Name = "c" })).EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

        var one = await b.SendAsync(HttpMethod.Delete, $"/v0/{b.BaseId}/Tasks/{ids[0]}", null);
        var many = await b.SendAsync(HttpMethod.Delete, $"/v0/{b.BaseId}/Tasks?records[]={ids[1]}&records%5B%5D={ids[2]}", null);

        Assert.True(one.GetProperty("deleted").GetBoolean());
        Assert.Equal(2, many.GetProperty("records").GetArrayLength());
        var missing = await b.GetAsync($"/v0/{b.BaseId}/Tasks/{ids[0]}", HttpStatusCode.NotFound);
        V0Base.AssertError(missing, "NOT_FOUND");
        var deleteAgain = await b.SendAsync(HttpMethod.Delete, $"/v0/{b.BaseId}/Tasks/{ids[0]}", null, HttpStatusCode.NotFound);
        V0Base.AssertError(deleteAgain, "NOT_FOUND");
    }

    [Fact]
    public async Task AWrongValueIsRefusedWithAirtablesErrorAndNothingOfTheBatchIsWritten()
    {
        var b = await BaseAsync();

        var error = await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks", new { records = new object[] { new { fields = new { Name = "fine" } }, new { fields = new { Points = "many" } } } }, (HttpStatusCode)422);

        V0Base.AssertError(error, "INVALID_VALUE_FOR_COLUMN");
        var list = await b.GetAsync($"/v0/{b.BaseId}/Tasks");
        Assert.Equal(0, list.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task TypecastConvertsStringsAndCreatesSelectOptions()
    {
        var b = await BaseAsync();

        var refused = await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks", new { fields = new { Status = "Blocked" } }, (HttpStatusCode)422);
        V0Base.AssertError(refused, "INVALID_MULTIPLE_CHOICE_OPTIONS");

        var record = await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks", new { typecast = true, fields = new { Status = "Blocked", Points = "1,234", Done = "true", Due = "March 5, 2024", Tags = "api, new" } });
        var fields = record.GetProperty("fields");
        Assert.Equal("Blocked", fields.GetProperty("Status").GetString());
        Assert.Equal(1234, fields.GetProperty("Points").GetDouble());
        Assert.True(fields.GetProperty("Done").GetBoolean());
        Assert.Equal("2024-03-05", fields.GetProperty("Due").GetString());
        Assert.Equal(new[] { "api", "new" }, fields.GetProperty("Tags").EnumerateArray().Select(e => e.GetString()).ToArray());
        var tables = await b.GetAsync($"/v0/meta/bases/{b.BaseId}/tables");
        var status = tables.GetProperty("tables")[0].GetProperty("fields").EnumerateArray().First(f => f.GetProperty("name").GetString() == "Status");
        Assert.Contains("Blocked", status.GetProperty("options").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AnUnknownFieldAndABadFormulaGetAirtablesErrorTypes()
    {
        var b = await BaseAsync();

        V0Base.AssertError(await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks", new { fields = new { Nope = 1 } }, (HttpStatusCode)422), "UNKNOWN_FIELD_NAME");
        V0Base.AssertError(await b.GetAsync($"/v0/{b.BaseId}/Tasks?filterByFormula=%7BPoints", (HttpStatusCode)422), "INVALID_FILTER_BY_FORMULA");
        V0Base.AssertError(await b.GetAsync($"/v0/{b.BaseId}/Nope", HttpStatusCode.Forbidden), "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        V0Base.AssertError(await b.GetAsync($"/v0/{b.BaseId}/Tasks?pageSize=101", (HttpStatusCode)422), "INVALID_REQUEST_UNKNOWN");
    }

    [Fact]
    public async Task MoreThanTenRecordsInOneRequestAreRefused()
    {
        var b = await BaseAsync();

        var error = await b.SendAsync(HttpMethod.Post, $"/v0/{b.BaseId}/Tasks", new { records = Enumerable.Range(0, 11).Select(i => new { fields = new { Name = $"r{i}" } }).ToArray() }, (HttpStatusCode)422);

        V0Base.AssertError(error, "INVALID_REQUEST_UNKNOWN");
    }

    [Fact]
    public async Task TablesAndFieldsAreFoundByIdAndNamesMayBePercentEncodedOrEndInASlash()
    {
        var b = await BaseAsync();
        await b.CreateAsync("Tasks", new { Name = "a" });
        var tableId = b.TableId("Tasks");
        var fieldId = b.FieldId("Tasks", "Name");

        var byId = await b.GetAsync($"/v0/{b.BaseId}/{tableId}/?returnFieldsByFieldId=true&fields%5B%5D={fieldId}&");

        Assert.Equal("a", byId.GetProperty("records")[0].GetProperty("fields").GetProperty(fieldId).GetString());
        var byEncodedName = await b.GetAsync($"/v0/{b.BaseId}/%54asks?");
        Assert.Equal(1, byEncodedName.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task CellFormatStringNeedsATimeZoneAndLocaleAndGivesDisplayText()
    {
        var b = await BaseAsync();
        await b.CreateAsync("Tasks", new { Name = "a", Done = true, Tags = new[] { "api" } });

        V0Base.AssertError(await b.GetAsync($"/v0/{b.BaseId}/Tasks?cellFormat=string", (HttpStatusCode)422), "INVALID_REQUEST_UNKNOWN");
        var text = await b.GetAsync($"/v0/{b.BaseId}/Tasks?cellFormat=string&timeZone=Europe%2FParis&userLocale=en-us");

        var fields = text.GetProperty("records")[0].GetProperty("fields");
        Assert.Equal("checked", fields.GetProperty("Done").GetString());
        Assert.Equal("api", fields.GetProperty("Tags").GetString());
    }
}
