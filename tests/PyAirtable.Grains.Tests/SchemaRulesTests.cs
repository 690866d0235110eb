using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.Grains.LocalBases;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>Schema decisions: field types and options, names, the primary field, links and their inverse fields, renames.</summary>
public sealed class SchemaRulesTests
{
    private static readonly BaseInfo _info = new("appTestTestTest12", "Test", "ws", false, DateTimeOffset.UnixEpoch);

    private static LocalBaseState Base(params TableDefinition[] tables) => SchemaRules.CreateBase(_info, tables);

    private static LocalBaseState Tasks() => Base(Table("Tasks", Field("Name", FieldTypes.SingleLineText), Field("Points", FieldTypes.Number)));

    private static string TableId(LocalBaseState state, string name) => state.Tables.Single(t => t.Name == name).Id;

    private static FieldSchema FieldOf(LocalBaseState state, string table, string field) => state.Tables.Single(t => t.Name == table).Fields.Single(f => f.Name == field);

    private static BaseRequestException AddRefused(LocalBaseState state, FieldDefinition definition) =>
        Assert.Throws<BaseRequestException>(() => SchemaRules.AddField(state, TableId(state, "Tasks"), definition));

    [Theory]
    [InlineData("aiText")]
    [InlineData("button")]
    [InlineData("externalSyncSource")]
    public void AirtablesTypesThatLocalBasesDoNotHaveAreRefusedAsUnsupported(string type)
    {
        var refused = AddRefused(Tasks(), Field("X", type));
        Assert.Equal(BaseError.UnsupportedFieldType, refused.Error);
        Assert.Contains(type, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("longText")]
    [InlineData("SingleLineText")]
    [InlineData("")]
    public void AnUnknownTypeIsAnInvalidSchema(string type) => Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("X", type)).Error);

    [Fact]
    public void EverySupportedTypeThatNeedsNoOtherFieldCanBeAdded()
    {
        var state = Tasks();
        var needsMore = new[] { FieldTypes.MultipleRecordLinks, FieldTypes.MultipleLookupValues, FieldTypes.Rollup, FieldTypes.Count, FieldTypes.Formula };
        foreach (var type in FieldTypes.Supported.Except(needsMore))
        {
            var (next, field) = SchemaRules.AddField(state, TableId(state, "Tasks"), Field("F " + type, type));
            Assert.Equal(type, field.Type);
            Assert.True(AirtableIds.Is(field.Id, AirtableIds.Field));
            state = next;
        }

        Assert.Equal(2 + FieldTypes.Supported.Count - needsMore.Length, state.Tables.Single().Fields.Count);
    }

    [Fact]
    public void FieldNamesAreUniqueInATableIgnoringCase()
    {
        var refused = AddRefused(Tasks(), Field("points", FieldTypes.Number));
        Assert.Equal(BaseError.DuplicateName, refused.Error);
        var other = Base(Table("Tasks", Field("Name", FieldTypes.SingleLineText)), Table("People", Field("Points", FieldTypes.Number)));
        SchemaRules.AddField(other, TableId(other, "Tasks"), Field("Points", FieldTypes.Number));
    }

    [Fact]
    public void TableNamesAreUniqueInABaseIgnoringCase()
    {
        var refused = Assert.Throws<BaseRequestException>(() => SchemaRules.AddTable(Tasks(), Table("TASKS", Field("Name", FieldTypes.SingleLineText))));
        Assert.Equal(BaseError.DuplicateName, refused.Error);
    }

    [Fact]
    public void NamesAreTrimmedAndMustBeNonEmptyAndAtMost255Characters()
    {
        var state = Tasks();
        var (_, field) = SchemaRules.AddField(state, TableId(state, "Tasks"), Field("  Due  ", FieldTypes.Date));
        Assert.Equal("Due", field.Name);
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("   ", FieldTypes.Date)).Error);
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field(new string('x', 256), FieldTypes.Date)).Error);
        SchemaRules.AddField(state, TableId(state, "Tasks"), Field(new string('x', 255), FieldTypes.Date));
    }

    [Fact]
    public void TheFirstFieldOfATableIsItsPrimaryField()
    {
        var state = Tasks();
        var table = state.Tables.Single();
        Assert.Equal(table.Fields[0].Id, table.PrimaryFieldId);
        Assert.Equal("Name", table.Fields[0].Name);
        Assert.Equal("Grid view", Assert.Single(table.Views).Name);
    }

    [Theory]
    [InlineData(FieldTypes.Checkbox)]
    [InlineData(FieldTypes.MultipleAttachments)]
    [InlineData(FieldTypes.MultipleSelects)]
    [InlineData(FieldTypes.SingleCollaborator)]
    [InlineData(FieldTypes.MultipleCollaborators)]
    public void ATypeAirtableDoesNotAllowAsPrimaryCannotBeTheFirstField(string type)
    {
        var refused = Assert.Throws<BaseRequestException>(() => Base(Table("Tasks", Field("First", type), Field("Name", FieldTypes.SingleLineText))));
        Assert.Equal(BaseError.InvalidSchema, refused.Error);
    }

    [Theory]
    [InlineData(FieldTypes.Number)]
    [InlineData(FieldTypes.Date)]
    [InlineData(FieldTypes.AutoNumber)]
    [InlineData(FieldTypes.Email)]
    public void TypesAirtableAllowsAsPrimaryCanBeTheFirstField(string type) =>
        Assert.Equal(type, Base(Table("Tasks", Field("First", type))).Tables.Single().Fields[0].Type);

    [Fact]
    public void ABaseNeedsATableAndATableNeedsAField()
    {
        Assert.Equal(BaseError.InvalidSchema, Assert.Throws<BaseRequestException>(() => Base()).Error);
        Assert.Equal(BaseError.InvalidSchema, Assert.Throws<BaseRequestException>(() => Base(Table("Empty"))).Error);
    }

    [Fact]
    public void OptionsGetAirtablesDefaults()
    {
        var state = Tasks();
        foreach (var (name, type) in new[] { ("Price", FieldTypes.Currency), ("Stars", FieldTypes.Rating), ("When", FieldTypes.DateTime), ("Done", FieldTypes.Checkbox), ("Took", FieldTypes.Duration), ("Day", FieldTypes.Date) })
        {
            state = SchemaRules.AddField(state, TableId(state, "Tasks"), Field(name, type)).State;
        }

        Assert.Equal("$", FieldOf(state, "Tasks", "Price").Options!.Symbol);
        Assert.Equal(2, FieldOf(state, "Tasks", "Price").Options!.Precision);
        Assert.Equal(5, FieldOf(state, "Tasks", "Stars").Options!.Max);
        Assert.Equal("star", FieldOf(state, "Tasks", "Stars").Options!.Icon);
        Assert.Equal("utc", FieldOf(state, "Tasks", "When").Options!.TimeZone);
        Assert.Equal("24hour", FieldOf(state, "Tasks", "When").Options!.TimeFormat!.Name);
        Assert.Equal("check", FieldOf(state, "Tasks", "Done").Options!.Icon);
        Assert.Equal("h:mm", FieldOf(state, "Tasks", "Took").Options!.DurationFormat);
        Assert.Equal("iso", FieldOf(state, "Tasks", "Day").Options!.DateFormat!.Name);
    }

    [Theory]
    [InlineData(FieldTypes.Number, 9)]
    [InlineData(FieldTypes.Currency, -1)]
    [InlineData(FieldTypes.Percent, 10)]
    public void APrecisionOutsideZeroToEightIsRefused(string type, int precision) =>
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("X", type, new FieldOptions { Precision = precision })).Error);

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void ARatingsMaxIsFromOneToTen(int max) =>
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("X", FieldTypes.Rating, new FieldOptions { Max = max })).Error);

    [Fact]
    public void SelectOptionsGetIdsAndColorsAndMayNotRepeat()
    {
        var state = Tasks();
        var (_, field) = SchemaRules.AddField(state, TableId(state, "Tasks"), Field("Status", FieldTypes.SingleSelect, Choices("Todo", "Done")));
        Assert.All(field.Options!.Choices!, c => Assert.True(AirtableIds.Is(c.Id, AirtableIds.Choice)));
        Assert.All(field.Options!.Choices!, c => Assert.False(string.IsNullOrEmpty(c.Color)));
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("Status", FieldTypes.SingleSelect, Choices("Todo", "Todo"))).Error);
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("Status", FieldTypes.MultipleSelects, Choices("Todo", " "))).Error);
    }

    [Fact]
    public void ALinkGetsAnInverseFieldNamedAfterItsTable()
    {
        var state = Base(Table("Tasks", Field("Name", FieldTypes.SingleLineText)), Table("People", Field("Name", FieldTypes.SingleLineText), Field("Tasks", FieldTypes.Number)));
        var (next, link) = SchemaRules.AddField(state, TableId(state, "Tasks"), Field("Owner", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = TableId(state, "People") }));
        var inverse = next.Tables.Single(t => t.Name == "People").Fields.Single(f => f.Id == link.Options!.InverseLinkFieldId);
        Assert.Equal("Tasks 2", inverse.Name);
        Assert.Equal(FieldTypes.MultipleRecordLinks, inverse.Type);
        Assert.Equal(TableId(state, "Tasks"), inverse.Options!.LinkedTableId);
        Assert.Equal(link.Id, inverse.Options.InverseLinkFieldId);
    }

    [Fact]
    public void ALinkToItsOwnTableHasNoInverseField()
    {
        var state = Tasks();
        var (next, link) = SchemaRules.AddField(state, TableId(state, "Tasks"), Field("Blocks", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = TableId(state, "Tasks") }));
        Assert.Null(link.Options!.InverseLinkFieldId);
        Assert.Equal(3, next.Tables.Single().Fields.Count);
    }

    [Fact]
    public void ALinkMustNameATableOfTheBase()
    {
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("Owner", FieldTypes.MultipleRecordLinks)).Error);
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("Owner", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = "tblNotInThisBase1" })).Error);
    }

    [Fact]
    public void LookupsRollupsAndCountsMustNameALinkFieldAndAFieldOfTheLinkedTable()
    {
        var state = Base(Table("Tasks", Field("Name", FieldTypes.SingleLineText), Field("Points", FieldTypes.Number)), Table("People", Field("Name", FieldTypes.SingleLineText)));
        var (linked, link) = SchemaRules.AddField(state, TableId(state, "People"), Field("Tasks", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = TableId(state, "Tasks") }));
        var people = TableId(state, "People");
        BaseRequestException Refused(FieldDefinition definition) => Assert.Throws<BaseRequestException>(() => SchemaRules.AddField(linked, people, definition));

        Assert.Equal(BaseError.InvalidSchema, Refused(Field("N", FieldTypes.Count, new FieldOptions { RecordLinkFieldId = "Name" })).Error);
        Assert.Equal(BaseError.InvalidSchema, Refused(Field("P", FieldTypes.MultipleLookupValues, new FieldOptions { RecordLinkFieldId = link.Id, FieldIdInLinkedTable = "fldNotThereAtAll1" })).Error);
        Assert.Equal(BaseError.InvalidSchema, Refused(Field("S", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = link.Id, FieldIdInLinkedTable = "Points", Formula = "SUM(values" })).Error);

        var (_, rollup) = SchemaRules.AddField(linked, people, Field("S", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = "Tasks", FieldIdInLinkedTable = "Points" }));
        Assert.Equal("ARRAYJOIN(values)", rollup.Options!.Formula);
        Assert.Equal(link.Id, rollup.Options.RecordLinkFieldId);
        var (_, sum) = SchemaRules.AddField(linked, people, Field("T", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = "Tasks", FieldIdInLinkedTable = "Points", Formula = "SUM(values)" }));
        Assert.Equal(FieldTypes.Number, sum.Options!.Result!.Type);
        var (_, lookup) = SchemaRules.AddField(linked, people, Field("P", FieldTypes.MultipleLookupValues, new FieldOptions { RecordLinkFieldId = link.Id, FieldIdInLinkedTable = "Points" }));
        Assert.Equal(FieldTypes.Number, lookup.Options!.Result!.Type);
    }

    [Fact]
    public void AFormulaMustCompileAgainstTheTablesFields()
    {
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("F", FieldTypes.Formula)).Error);
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("F", FieldTypes.Formula, new FieldOptions { Formula = "{Points} *" })).Error);
        Assert.Equal(BaseError.InvalidSchema, AddRefused(Tasks(), Field("F", FieldTypes.Formula, new FieldOptions { Formula = "{Nope} * 2" })).Error);
        var state = Tasks();
        var (_, formula) = SchemaRules.AddField(state, TableId(state, "Tasks"), Field("F", FieldTypes.Formula, new FieldOptions { Formula = "{Points} * 2" }));
        Assert.Equal(new[] { FieldOf(state, "Tasks", "Points").Id }, formula.Options!.ReferencedFieldIds);
    }

    [Fact]
    public void RenamingAFieldKeepsItsIdAndRefusesANameInUse()
    {
        var state = Tasks();
        var model = new TableModel(state.Tables.Single());
        var (renamed, field) = SchemaRules.UpdateField(state, model, model.Field("Points"), new SchemaUpdate("Score", "How much"));
        Assert.Equal(model.Field("Points").Id, field.Id);
        Assert.Equal("Score", FieldOf(renamed, "Tasks", "Score").Name);
        Assert.Equal("How much", field.Description);
        Assert.Equal(BaseError.DuplicateName, Assert.Throws<BaseRequestException>(() => SchemaRules.UpdateField(state, model, model.Field("Points"), new SchemaUpdate("NAME", null))).Error);
        var (_, recased) = SchemaRules.UpdateField(state, model, model.Field("Points"), new SchemaUpdate("POINTS", null));
        Assert.Equal("POINTS", recased.Name);
    }

    [Fact]
    public void RenamingATableRefusesANameInUse()
    {
        var state = Base(Table("Tasks", Field("Name", FieldTypes.SingleLineText)), Table("People", Field("Name", FieldTypes.SingleLineText)));
        var model = new TableModel(state.Tables.Single(t => t.Name == "Tasks"));
        Assert.Equal(BaseError.DuplicateName, Assert.Throws<BaseRequestException>(() => SchemaRules.UpdateTable(state, model, new SchemaUpdate("people", null))).Error);
        Assert.Equal("Work", SchemaRules.UpdateTable(state, model, new SchemaUpdate("Work", null)).Table.Name);
    }

    [Fact]
    public void AViewsFilterMustCompileAndItsFieldsMustExist()
    {
        var table = Tasks().Tables.Single();
        Assert.Equal(BaseError.InvalidFilter, Assert.Throws<BaseRequestException>(() => SchemaRules.PutView(table, new ViewDefinition("Big", "{Points} >", null, null))).Error);
        Assert.Equal(BaseError.UnknownField, Assert.Throws<BaseRequestException>(() => SchemaRules.PutView(table, new ViewDefinition("Big", null, [new ViewSort("Nope", "asc")], null))).Error);
        Assert.Equal(BaseError.UnknownField, Assert.Throws<BaseRequestException>(() => SchemaRules.PutView(table, new ViewDefinition("Big", null, null, ["Nope"]))).Error);
        var (withView, view) = SchemaRules.PutView(table, new ViewDefinition("Big", "{Points} > 3", [new ViewSort("Points", "DESC")], ["Name"]));
        Assert.Equal("desc", view.Sorts.Single().Direction);
        var (replaced, again) = SchemaRules.PutView(withView, new ViewDefinition("big", null, null, null));
        Assert.Equal(view.Id, again.Id);
        Assert.Equal(2, replaced.Views.Count);
    }
}
