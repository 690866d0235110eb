using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.Grains.LocalBases;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>Each field type's accepted and refused cell values, with and without typecast, and Airtable's error for each refusal.</summary>
public sealed class CellWriterTests
{
    private static readonly Lazy<(TableModel Tasks, TableModel People)> _tables = new(() =>
    {
        var state = SchemaRules.CreateBase(new BaseInfo("appTestTestTest12", "Test", "ws", false, DateTimeOffset.UnixEpoch),
        [
            Table("People", Field("Name", FieldTypes.SingleLineText)),
            Table("Tasks",
                Field("Name", FieldTypes.SingleLineText), Field("Notes", FieldTypes.MultilineText), Field("Email", FieldTypes.Email),
                Field("Count", FieldTypes.Number, new FieldOptions { Precision = 1 }), Field("Whole", FieldTypes.Number, new FieldOptions { Precision = 0 }),
                Field("Price", FieldTypes.Currency), Field("Done %", FieldTypes.Percent, new FieldOptions { Precision = 0 }),
                Field("Stars", FieldTypes.Rating, new FieldOptions { Max = 5 }), Field("Time", FieldTypes.Duration),
                Field("Reviewed", FieldTypes.Checkbox), Field("Due", FieldTypes.Date),
                Field("Starts", FieldTypes.DateTime, new FieldOptions { TimeZone = "America/New_York" }), Field("At", FieldTypes.DateTime),
                Field("Status", FieldTypes.SingleSelect, Choices("Todo", "Done")), Field("Tags", FieldTypes.MultipleSelects, Choices("api", "ui")),
                Field("Owner", FieldTypes.SingleCollaborator), Field("Watchers", FieldTypes.MultipleCollaborators),
                Field("Files", FieldTypes.MultipleAttachments), Field("Code", FieldTypes.Barcode),
                Field("Total", FieldTypes.Formula, new FieldOptions { Formula = "{Count} * 2" }), Field("No", FieldTypes.AutoNumber),
                Field("Created", FieldTypes.CreatedTime)),
        ]);
        var people = state.Tables.Single(t => t.Name == "People");
        state = SchemaRules.AddField(state, state.Tables.Single(t => t.Name == "Tasks").Id, Field("People", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = people.Id })).State;
        return (new TableModel(state.Tables.Single(t => t.Name == "Tasks")), new TableModel(state.Tables.Single(t => t.Name == "People")));
    });

    private static TableModel Tasks => _tables.Value.Tasks;

    private static string PeopleTableId => _tables.Value.People.Id;

    private static JsonElement? Write(string field, object? value, bool typecast = false, FakeWriteContext? context = null) =>
        CellWriter.Normalize(Tasks, Tasks.Field(field), value is JsonElement e ? e : Json(value), context ?? new FakeWriteContext(typecast));

    private static string? Raw(string field, object? value, bool typecast = false, FakeWriteContext? context = null) =>
        Write(field, value, typecast, context)?.GetRawText();

    private static BaseRequestException Refused(string field, object? value, bool typecast = false, FakeWriteContext? context = null) =>
        Assert.Throws<BaseRequestException>(() => Write(field, value, typecast, context));

    private static void RefusedAsInvalidValue(string field, object? value, bool typecast = false)
    {
        var refused = Refused(field, value, typecast);
        Assert.Equal(BaseError.InvalidValue, refused.Error);
        Assert.StartsWith($"Field \"{field}\" cannot accept the provided value", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFieldsTakeStringsAndTypecastTurnsNumbersAndBooleansIntoText()
    {
        Assert.Equal("\"Hello\"", Raw("Name", "Hello"));
        Assert.Equal("\"line 1\\nline 2\"", Raw("Notes", "line 1\nline 2"));
        Assert.Equal("\"42\"", Raw("Name", 42, typecast: true));
        Assert.Equal("\"true\"", Raw("Name", true, typecast: true));
        Assert.Equal("\"a, b\"", Raw("Name", new[] { "a", "b" }, typecast: true));
        RefusedAsInvalidValue("Name", 42);
        RefusedAsInvalidValue("Email", true);
        RefusedAsInvalidValue("Name", new { text = "x" }, typecast: true);
    }

    [Fact]
    public void AnEmptyStringOrNullClearsTheCell()
    {
        Assert.Null(Write("Name", ""));
        Assert.Null(Write("Name", null));
        Assert.Null(Write("Count", null));
        Assert.Null(Write("Tags", Array.Empty<string>()));
        Assert.Null(Write("Status", "", typecast: true));
    }

    [Fact]
    public void NumbersAreRoundedToTheFieldsPrecision()
    {
        Assert.Equal("1.5", Raw("Count", 1.46));
        Assert.Equal("3", Raw("Whole", 2.5));
        Assert.Equal("12.35", Raw("Price", 12.345));
        Assert.Equal("-7", Raw("Whole", -7));
    }

    [Fact]
    public void NumbersFromStringsNeedTypecast()
    {
        RefusedAsInvalidValue("Count", "12");
        Assert.Equal("12", Raw("Count", "12", typecast: true));
        Assert.Equal("1234.5", Raw("Count", "1,234.5", typecast: true));
        Assert.Equal("12.5", Raw("Price", "$12.50", typecast: true));
        Assert.Equal("7", Raw("Whole", " 7 ", typecast: true));
        RefusedAsInvalidValue("Count", "twelve", typecast: true);
        RefusedAsInvalidValue("Count", true, typecast: true);
    }

    [Fact]
    public void APercentIsAFractionAndTypecastReadsAPercentSign()
    {
        Assert.Equal("0.5", Raw("Done %", 0.5));
        Assert.Equal("0.25", Raw("Done %", "25%", typecast: true));
        Assert.Equal("0.4", Raw("Done %", "0.4", typecast: true));
    }

    [Fact]
    public void ARatingIsAWholeNumberUpToTheFieldsMax()
    {
        Assert.Equal("1", Raw("Stars", 1));
        Assert.Equal("5", Raw("Stars", 5));
        Assert.Equal("4", Raw("Stars", "4", typecast: true));
        RefusedAsInvalidValue("Stars", 6);
        RefusedAsInvalidValue("Stars", 2.5);
        RefusedAsInvalidValue("Stars", -1);
        RefusedAsInvalidValue("Stars", "4");
    }

    [Fact]
    public void ADurationIsSecondsAndTypecastReadsHoursAndMinutes()
    {
        Assert.Equal("90", Raw("Time", 90));
        Assert.Equal("5400", Raw("Time", "1:30", typecast: true));
        Assert.Equal("5415", Raw("Time", "1:30:15", typecast: true));
        Assert.Equal("45", Raw("Time", "45", typecast: true));
        RefusedAsInvalidValue("Time", "1:30");
        RefusedAsInvalidValue("Time", "an hour", typecast: true);
        RefusedAsInvalidValue("Time", "1:-5", typecast: true);
    }

    [Fact]
    public void ACheckboxTakesBooleansAndTypecastReadsWordsAndNumbers()
    {
        Assert.Equal("true", Raw("Reviewed", true));
        Assert.Null(Write("Reviewed", false));
        Assert.Equal("true", Raw("Reviewed", "checked", typecast: true));
        Assert.Equal("true", Raw("Reviewed", "Yes", typecast: true));
        Assert.Equal("true", Raw("Reviewed", 1, typecast: true));
        Assert.Null(Write("Reviewed", "no", typecast: true));
        Assert.Null(Write("Reviewed", 0, typecast: true));
        RefusedAsInvalidValue("Reviewed", "true");
        RefusedAsInvalidValue("Reviewed", 1);
    }

    [Fact]
    public void ADateTakesIsoDatesAndTypecastReadsWrittenDates()
    {
        Assert.Equal("\"2024-05-31\"", Raw("Due", "2024-05-31"));
        Assert.Equal("\"2024-06-01\"", Raw("Due", "2024-05-31T23:30:00-05:00"));
        Assert.Equal("\"2024-05-31\"", Raw("Due", "May 31, 2024", typecast: true));
        RefusedAsInvalidValue("Due", "May 31, 2024");
        RefusedAsInvalidValue("Due", "31.31.2024", typecast: true);
        RefusedAsInvalidValue("Due", 20240531, typecast: true);
    }

    [Fact]
    public void ADateTimeIsStoredInUtcFromAnyOffset()
    {
        Assert.Equal("\"2024-05-31T12:00:00.000Z\"", Raw("At", "2024-05-31T14:00:00+02:00"));
        Assert.Equal("\"2024-05-31T14:00:00.000Z\"", Raw("At", "2024-05-31T14:00:00.000Z"));
        Assert.Equal("\"2024-05-31T14:00:00.000Z\"", Raw("At", "5/31/2024 2:00 PM", typecast: true));
        RefusedAsInvalidValue("At", "5/31/2024 2:00 PM");
        RefusedAsInvalidValue("At", 1717164000);
    }

    [Fact]
    public void ADateWithoutATimeIsMidnightInTheFieldsTimeZone()
    {
        // New York is at UTC-4 in summer and UTC-5 in winter.
        Assert.Equal("\"2024-05-31T04:00:00.000Z\"", Raw("Starts", "2024-05-31"));
        Assert.Equal("\"2024-01-15T05:00:00.000Z\"", Raw("Starts", "2024-01-15"));
        Assert.Equal("\"2024-05-31T00:00:00.000Z\"", Raw("At", "2024-05-31"));
    }

    [Fact]
    public void ASingleSelectTakesAKnownChoiceByNameOrId()
    {
        Assert.Equal("\"Todo\"", Raw("Status", "Todo"));
        var done = Tasks.Field("Status").Options!.Choices!.Single(c => c.Name == "Done");
        Assert.Equal("\"Done\"", Raw("Status", done.Id));
    }

    [Fact]
    public void AnUnknownChoiceWithoutTypecastIsRefusedWithAirtablesMessage()
    {
        var context = new FakeWriteContext(typecast: false);
        var refused = Refused("Status", "Blocked", context: context);
        Assert.Equal(BaseError.InvalidChoice, refused.Error);
        Assert.Equal("Insufficient permissions to create new select option \"\"Blocked\"\"", refused.Message);
        Assert.Equal(new[] { "Todo", "Done" }, context.ChoicesOf(Tasks.Field("Status")));
    }

    [Fact]
    public void TypecastCreatesANewSelectOptionForAnUnknownChoice()
    {
        var context = new FakeWriteContext(typecast: true);
        Assert.Equal("\"Blocked\"", Raw("Status", "Blocked", context: context));
        Assert.Equal(new[] { "Todo", "Done", "Blocked" }, context.ChoicesOf(Tasks.Field("Status")));
        Assert.Equal("\"Blocked\"", Raw("Status", "Blocked", context: context));
        Assert.Equal(3, context.ChoicesOf(Tasks.Field("Status")).Count);
    }

    [Fact]
    public void ChoiceNamesAreCaseSensitiveSoADifferentCaseIsANewOption()
    {
        Assert.Equal(BaseError.InvalidChoice, Refused("Status", "todo").Error);
    }

    [Fact]
    public void MultipleSelectsTakeAnArrayAndTypecastSplitsACommaList()
    {
        Assert.Equal("[\"api\",\"ui\"]", Raw("Tags", new[] { "api", "ui", "api" }));
        RefusedAsInvalidValue("Tags", "api");
        var context = new FakeWriteContext(typecast: true);
        Assert.Equal("[\"api\",\"docs\"]", Raw("Tags", "api, docs", context: context));
        Assert.Equal(new[] { "api", "ui", "docs" }, context.ChoicesOf(Tasks.Field("Tags")));
        Assert.Equal(BaseError.InvalidChoice, Refused("Tags", new[] { "api", "docs" }).Error);
    }

    [Fact]
    public void ACollaboratorIsAWorkspaceMemberNamedByIdOrEmail()
    {
        var context = new FakeWriteContext(typecast: false);
        context.Collaborators.Add(new Collaborator("usr1", "ada@example.test", "Ada"));
        context.Collaborators.Add(new Collaborator("usr2", "alan@example.test", "Alan"));
        var byId = Write("Owner", new { id = "usr1" }, context: context)!.Value;
        Assert.Equal("ada@example.test", byId.GetProperty("email").GetString());
        Assert.Equal("Ada", byId.GetProperty("name").GetString());
        Assert.Equal("usr2", Write("Owner", new { email = "ALAN@example.test" }, context: context)!.Value.GetProperty("id").GetString());
        var many = Write("Watchers", new object[] { new { id = "usr1" }, new { email = "alan@example.test" }, new { id = "usr1" } }, context: context)!.Value;
        Assert.Equal(new[] { "usr1", "usr2" }, many.EnumerateArray().Select(c => c.GetProperty("id").GetString()));

        var stranger = Refused("Owner", new { email = "eve@example.test" }, context: context);
        Assert.Equal(BaseError.InvalidValue, stranger.Error);
        Assert.Contains("eve@example.test", stranger.Message, StringComparison.Ordinal);
        Assert.Equal(BaseError.InvalidValue, Refused("Owner", "ada@example.test", context: context).Error);
        Assert.Equal(BaseError.InvalidValue, Refused("Watchers", new { id = "usr1" }, context: context).Error);
    }

    [Fact]
    public void TypecastFindsACollaboratorByAPlainEmail()
    {
        var context = new FakeWriteContext(typecast: true);
        context.Collaborators.Add(new Collaborator("usr1", "ada@example.test", "Ada"));
        Assert.Equal("usr1", Write("Owner", "ada@example.test", context: context)!.Value.GetProperty("id").GetString());
        Assert.Equal("usr1", Write("Watchers", "ada@example.test", context: context)!.Value[0].GetProperty("id").GetString());
    }

    [Fact]
    public void ALinkTakesIdsOfRecordsInTheLinkedTableOnly()
    {
        var context = new FakeWriteContext(typecast: false);
        var ada = AirtableIds.New(AirtableIds.Record);
        var elsewhere = AirtableIds.New(AirtableIds.Record);
        context.Records[ada] = (PeopleTableId, "Ada");
        context.Records[elsewhere] = ("tblSomewhereElse1", "Ada");
        Assert.Equal($"[\"{ada}\"]", Raw("People", new[] { ada, ada }, context: context));
        Assert.Equal($"[\"{ada}\"]", Raw("People", new[] { new { id = ada } }, context: context));

        var missing = Refused("People", new[] { elsewhere }, context: context);
        Assert.Equal(BaseError.InvalidValue, missing.Error);
        Assert.Contains(elsewhere, missing.Message, StringComparison.Ordinal);
        Assert.Equal(BaseError.InvalidValue, Refused("People", new[] { "Ada" }, context: context).Error);
        Assert.Equal(BaseError.InvalidValue, Refused("People", ada, context: context).Error);
        Assert.Empty(context.CreatedByPrimary);
    }

    [Fact]
    public void TypecastMatchesLinkedRecordsByPrimaryValueAndCreatesTheMissingOnes()
    {
        var context = new FakeWriteContext(typecast: true);
        var ada = AirtableIds.New(AirtableIds.Record);
        context.Records[ada] = (PeopleTableId, "Ada");
        var linked = Write("People", "Ada, Grace", context: context)!.Value.EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, linked.Count);
        Assert.Equal(ada, linked[0]);
        Assert.Equal(new[] { "Grace" }, context.CreatedByPrimary);
    }

    [Fact]
    public void AnAttachmentGetsAnIdFilenameAndTypeFromItsUrl()
    {
        var cell = Write("Files", new[] { new { url = "https://files.example.test/docs/Spec%20v2.pdf" } })!.Value[0];
        Assert.True(AirtableIds.Is(cell.GetProperty("id").GetString(), AirtableIds.Attachment));
        Assert.Equal("https://files.example.test/docs/Spec%20v2.pdf", cell.GetProperty("url").GetString());
        Assert.Equal("Spec v2.pdf", cell.GetProperty("filename").GetString());
        Assert.Equal("application/pdf", cell.GetProperty("type").GetString());

        var named = Write("Files", new[] { new { url = "https://files.example.test/x", filename = "logo.png" } })!.Value[0];
        Assert.Equal("logo.png", named.GetProperty("filename").GetString());
        Assert.Equal("image/png", named.GetProperty("type").GetString());
    }

    [Fact]
    public void AnAttachmentNeedsAnAbsoluteHttpUrl()
    {
        RefusedAsInvalidValue("Files", new[] { new { url = "ftp://files.example.test/a.png" } });
        RefusedAsInvalidValue("Files", new[] { new { url = "/relative/a.png" } });
        RefusedAsInvalidValue("Files", new[] { new { filename = "a.png" } });
        RefusedAsInvalidValue("Files", "https://files.example.test/a.png");
        Assert.Equal("a.png", Write("Files", "https://files.example.test/a.png", typecast: true)!.Value[0].GetProperty("filename").GetString());
    }

    [Fact]
    public void AnExistingAttachmentIsKeptByItsIdAndAnUnknownIdIsRefused()
    {
        var current = Write("Files", new[] { new { url = "https://files.example.test/a.png" } })!.Value;
        var id = current[0].GetProperty("id").GetString();
        var kept = CellWriter.Normalize(Tasks, Tasks.Field("Files"), Json(new[] { new { id } }), new FakeWriteContext(false), current)!.Value;
        Assert.Equal(current[0].GetRawText(), kept[0].GetRawText());
        var unknown = Assert.Throws<BaseRequestException>(() =>
            CellWriter.Normalize(Tasks, Tasks.Field("Files"), Json(new[] { new { id = "attNotThereAtAll1" } }), new FakeWriteContext(false), current));
        Assert.Equal(BaseError.InvalidValue, unknown.Error);
    }

    [Fact]
    public void ABarcodeIsAnObjectWithTextAndTypecastWrapsAString()
    {
        Assert.Equal("{\"text\":\"123\",\"type\":\"upce\"}", Raw("Code", new { text = "123", type = "upce" }));
        Assert.Equal("{\"text\":\"456\"}", Raw("Code", "456", typecast: true));
        RefusedAsInvalidValue("Code", "456");
    }

    [Theory]
    [InlineData("Total")]
    [InlineData("No")]
    [InlineData("Created")]
    public void AComputedFieldRefusesEveryWriteWithAirtablesError(string field)
    {
        foreach (var typecast in new[] { false, true })
        {
            var refused = Refused(field, 5, typecast);
            Assert.Equal(BaseError.ComputedField, refused.Error);
            Assert.Equal($"Field \"{field}\" cannot accept a value because the field is computed", refused.Message);
            Assert.Equal(BaseError.ComputedField, Refused(field, null, typecast).Error);
        }
    }
}
