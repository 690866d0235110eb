using PyAirtable.GrainInterfaces.LocalBases;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>Computed fields through the grain: formulas, lookups, rollups, counts, auto numbers, created/modified, and links kept in step.</summary>
public sealed class ComputationTests : IAsyncLifetime
{
    private LocalBaseSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await LocalBaseSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private static readonly WriteOptions _plain = new();

    /// <summary>People (Name, Points) and Tasks (Name, Hours, Owner → People); People roll up their tasks.</summary>
    private async Task<ILocalBaseGrain> PeopleAndTasksAsync()
    {
        var grain = await _silo.NewBaseAsync(
            Table("People", Field("Name", FieldTypes.SingleLineText), Field("Level", FieldTypes.Number)),
            Table("Tasks", Field("Name", FieldTypes.SingleLineText), Field("Hours", FieldTypes.Number, new FieldOptions { Precision = 1 })));
        var schema = await grain.GetSchemaAsync();
        var people = schema.Tables.Single(t => t.Name == "People").Id;
        await grain.CreateFieldAsync("Tasks", Field("Owner", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = people }), _silo.Owner);
        await grain.CreateFieldAsync("People", Field("Total hours", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = "Tasks", FieldIdInLinkedTable = "Hours", Formula = "SUM(values)" }), _silo.Owner);
        await grain.CreateFieldAsync("People", Field("Longest", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = "Tasks", FieldIdInLinkedTable = "Hours", Formula = "MAX(values)" }), _silo.Owner);
        await grain.CreateFieldAsync("People", Field("Task count", FieldTypes.Count, new FieldOptions { RecordLinkFieldId = "Tasks" }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Owner level", FieldTypes.MultipleLookupValues, new FieldOptions { RecordLinkFieldId = "Owner", FieldIdInLinkedTable = "Level" }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Owner total", FieldTypes.MultipleLookupValues, new FieldOptions { RecordLinkFieldId = "Owner", FieldIdInLinkedTable = "Total hours" }), _silo.Owner);
        return grain;
    }

    private async Task<RecordData> OneAsync(ILocalBaseGrain grain, string table, params (string, object?)[] cells) =>
        (await grain.WriteRecordsAsync(table, [Create(cells)], _plain, _silo.Owner)).Single();

    private static Task<RecordData> GetAsync(ILocalBaseGrain grain, string table, string id) => grain.GetRecordAsync(table, id, new RecordQuery());

    [Fact]
    public async Task AFormulaIsComputedOnCreateAndRecomputedWhenAnInputChanges()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText), Field("Price", FieldTypes.Number), Field("Qty", FieldTypes.Number)));
        await grain.CreateFieldAsync("Items", Field("Total", FieldTypes.Formula, new FieldOptions { Formula = "{Price} * Qty" }), _silo.Owner);
        await grain.CreateFieldAsync("Items", Field("Label", FieldTypes.Formula, new FieldOptions { Formula = "Name & ': ' & {Total}" }), _silo.Owner);
        var item = await OneAsync(grain, "Items", ("Name", "Pen"), ("Price", 2.5), ("Qty", 4));
        Assert.Equal(10, Number(item, "Total"));
        Assert.Equal("Pen: 10", Text(item, "Label"));

        await grain.WriteRecordsAsync("Items", [Update(item.Id, ("Qty", 6))], _plain, _silo.Owner);
        var changed = await GetAsync(grain, "Items", item.Id);
        Assert.Equal(15, Number(changed, "Total"));
        Assert.Equal("Pen: 15", Text(changed, "Label"));
    }

    [Fact]
    public async Task ANewFormulaFieldIsComputedForExistingRecords()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText), Field("Qty", FieldTypes.Number)));
        var item = await OneAsync(grain, "Items", ("Name", "Pen"), ("Qty", 3));
        var field = await grain.CreateFieldAsync("Items", Field("Double", FieldTypes.Formula, new FieldOptions { Formula = "Qty * 2" }), _silo.Owner);
        Assert.Equal(6, Number(await GetAsync(grain, "Items", item.Id), "Double"));
        Assert.Equal(FieldTypes.Number, field.Options!.Result!.Type);
    }

    [Fact]
    public async Task RenamingAFieldKeepsTheFormulasThatReadIt()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText), Field("Qty", FieldTypes.Number)));
        await grain.CreateFieldAsync("Items", Field("Double", FieldTypes.Formula, new FieldOptions { Formula = "{Qty} * 2 + Qty" }), _silo.Owner);
        var item = await OneAsync(grain, "Items", ("Name", "Pen"), ("Qty", 3));
        await grain.UpdateFieldAsync("Items", "Qty", new SchemaUpdate("Quantity {boxes}", null), _silo.Owner);

        Assert.Equal(9, Number(await GetAsync(grain, "Items", item.Id), "Double"));
        await grain.WriteRecordsAsync("Items", [Update(item.Id, ("Quantity {boxes}", 4))], _plain, _silo.Owner);
        Assert.Equal(12, Number(await GetAsync(grain, "Items", item.Id), "Double"));
        var formula = (await grain.GetSchemaAsync()).Tables.Single().Fields.Single(f => f.Name == "Double").Options!.Formula;
        Assert.DoesNotContain("Qty", formula, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenamingAFieldKeepsTheViewFiltersThatReadIt()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText), Field("Qty", FieldTypes.Number)));
        await grain.PutViewAsync("Items", new ViewDefinition("Many", "{Qty} > 5", null, null), _silo.Owner);
        await OneAsync(grain, "Items", ("Name", "Few"), ("Qty", 1));
        await OneAsync(grain, "Items", ("Name", "Lots"), ("Qty", 9));
        await grain.UpdateFieldAsync("Items", "Qty", new SchemaUpdate("Amount", null), _silo.Owner);

        var page = await grain.ListRecordsAsync("Items", new RecordQuery { View = "Many" });
        Assert.Equal(new[] { "Lots" }, page.Records.Select(r => Text(r, "Name")));
    }

    [Fact]
    public async Task RollupsCountsAndLookupsFollowTheLinkedRecords()
    {
        var grain = await PeopleAndTasksAsync();
        var ada = await OneAsync(grain, "People", ("Name", "Ada"), ("Level", 3));
        var one = await OneAsync(grain, "Tasks", ("Name", "One"), ("Hours", 2), ("Owner", new[] { ada.Id }));
        var two = await OneAsync(grain, "Tasks", ("Name", "Two"), ("Hours", 5.5), ("Owner", new[] { ada.Id }));

        var person = await GetAsync(grain, "People", ada.Id);
        Assert.Equal(7.5, Number(person, "Total hours"));
        Assert.Equal(5.5, Number(person, "Longest"));
        Assert.Equal(2, Number(person, "Task count"));
        Assert.Equal("[3]", Raw(await GetAsync(grain, "Tasks", one.Id), "Owner level"));
        Assert.Equal("[7.5]", Raw(await GetAsync(grain, "Tasks", two.Id), "Owner total"));
    }

    [Fact]
    public async Task ChangingALinkedRecordUpdatesLookupsAndRollupsInTheOtherTableAndBackAgain()
    {
        var grain = await PeopleAndTasksAsync();
        var ada = await OneAsync(grain, "People", ("Name", "Ada"), ("Level", 3));
        var one = await OneAsync(grain, "Tasks", ("Name", "One"), ("Hours", 2), ("Owner", new[] { ada.Id }));
        var two = await OneAsync(grain, "Tasks", ("Name", "Two"), ("Hours", 1), ("Owner", new[] { ada.Id }));

        await grain.WriteRecordsAsync("People", [Update(ada.Id, ("Level", 4))], _plain, _silo.Owner);
        Assert.Equal("[4]", Raw(await GetAsync(grain, "Tasks", one.Id), "Owner level"));

        // Tasks → People rollup → Tasks lookup of that rollup: two hops, both tables.
        await grain.WriteRecordsAsync("Tasks", [Update(one.Id, ("Hours", 10))], _plain, _silo.Owner);
        Assert.Equal(11, Number(await GetAsync(grain, "People", ada.Id), "Total hours"));
        Assert.Equal("[11]", Raw(await GetAsync(grain, "Tasks", two.Id), "Owner total"));
    }

    [Fact]
    public async Task SumAndMaxOfNoValuesAreZeroAsInAirtable()
    {
        var grain = await PeopleAndTasksAsync();
        var nobody = await OneAsync(grain, "People", ("Name", "Idle"));
        Assert.Equal(0, Number(nobody, "Total hours"));
        Assert.Equal(0, Number(nobody, "Longest"));
        Assert.Equal(0, Number(nobody, "Task count"));

        var task = await OneAsync(grain, "Tasks", ("Name", "One"), ("Hours", 3), ("Owner", new[] { nobody.Id }));
        Assert.Equal(3, Number(await GetAsync(grain, "People", nobody.Id), "Total hours"));
        await grain.DeleteRecordsAsync("Tasks", [task.Id], _silo.Owner);
        var after = await GetAsync(grain, "People", nobody.Id);
        Assert.Equal(0, Number(after, "Total hours"));
        Assert.Equal(0, Number(after, "Task count"));
    }

    [Fact]
    public async Task TheInverseLinkFollowsCreatesUpdatesAndDeletes()
    {
        var grain = await PeopleAndTasksAsync();
        var ada = await OneAsync(grain, "People", ("Name", "Ada"));
        var alan = await OneAsync(grain, "People", ("Name", "Alan"));
        var task = await OneAsync(grain, "Tasks", ("Name", "One"), ("Owner", new[] { ada.Id, alan.Id }));
        Assert.Equal(new[] { task.Id }, Strings(await GetAsync(grain, "People", ada.Id), "Tasks"));
        Assert.Equal(new[] { task.Id }, Strings(await GetAsync(grain, "People", alan.Id), "Tasks"));

        await grain.WriteRecordsAsync("Tasks", [Update(task.Id, ("Owner", new[] { alan.Id }))], _plain, _silo.Owner);
        Assert.Empty(Strings(await GetAsync(grain, "People", ada.Id), "Tasks"));

        // Writing the inverse side moves the link on the task too.
        await grain.WriteRecordsAsync("People", [Update(ada.Id, ("Tasks", new[] { task.Id }))], _plain, _silo.Owner);
        Assert.Equal(new[] { alan.Id, ada.Id }, Strings(await GetAsync(grain, "Tasks", task.Id), "Owner"));

        await grain.DeleteRecordsAsync("People", [alan.Id], _silo.Owner);
        Assert.Equal(new[] { ada.Id }, Strings(await GetAsync(grain, "Tasks", task.Id), "Owner"));
        await grain.DeleteRecordsAsync("Tasks", [task.Id], _silo.Owner);
        Assert.Empty(Strings(await GetAsync(grain, "People", ada.Id), "Tasks"));
    }

    [Fact]
    public async Task DeletingARecordLeavesSelfLinksThatPointedAtIt()
    {
        var grain = await _silo.NewBaseAsync(Table("Tasks", Field("Name", FieldTypes.SingleLineText)));
        var tasks = (await grain.GetSchemaAsync()).Tables.Single().Id;
        await grain.CreateFieldAsync("Tasks", Field("Blocks", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = tasks }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Blocked count", FieldTypes.Count, new FieldOptions { RecordLinkFieldId = "Blocks" }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Blocks changed", FieldTypes.LastModifiedTime, new FieldOptions { ReferencedFieldIds = ["Blocks"] }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Editor", FieldTypes.LastModifiedBy), _silo.Owner);
        var (editor, _) = await _silo.NewMemberAsync("editor", _silo.WorkspaceId);
        var a = await OneAsync(grain, "Tasks", ("Name", "A"));
        var b = await OneAsync(grain, "Tasks", ("Name", "B"), ("Blocks", new[] { a.Id }));
        Assert.Equal(1, Number(b, "Blocked count"));
        _silo.Clock.Advance(TimeSpan.FromHours(1));
        await grain.DeleteRecordsAsync("Tasks", [a.Id], editor);
        var after = await GetAsync(grain, "Tasks", b.Id);
        Assert.Empty(Strings(after, "Blocks"));
        Assert.Equal(0, Number(after, "Blocked count"));
        Assert.Equal("2026-03-01T10:00:00.000Z", Text(after, "Blocks changed"));
        Assert.Equal(editor.UserId, after.Fields["Editor"].GetProperty("id").GetString());
    }

    [Fact]
    public async Task TypecastLinksByPrimaryValueMatchingExistingRecordsAndCreatingTheOthers()
    {
        var grain = await PeopleAndTasksAsync();
        var ada = await OneAsync(grain, "People", ("Name", "Ada"), ("Level", 2));
        var task = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "One"), ("Hours", 4), ("Owner", "Ada, Grace"))], new WriteOptions(Typecast: true), _silo.Owner)).Single();
        var owners = Strings(task, "Owner");
        Assert.Equal(2, owners.Count);
        Assert.Equal(ada.Id, owners[0]);
        var grace = await GetAsync(grain, "People", owners[1]);
        Assert.Equal("Grace", Text(grace, "Name"));
        Assert.Equal(new[] { task.Id }, Strings(grace, "Tasks"));
        Assert.Equal(4, Number(grace, "Total hours"));
        Assert.Equal(2, (await grain.ListRecordsAsync("People", new RecordQuery())).Records.Count);
    }

    [Fact]
    public async Task AutoNumbersCountUpAreNotReusedAndNumberExistingRecordsWhenAdded()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText)));
        var first = await OneAsync(grain, "Items", ("Name", "a"));
        var second = await OneAsync(grain, "Items", ("Name", "b"));
        await grain.CreateFieldAsync("Items", Field("No", FieldTypes.AutoNumber), _silo.Owner);
        Assert.Equal(1, Number(await GetAsync(grain, "Items", first.Id), "No"));
        Assert.Equal(2, Number(await GetAsync(grain, "Items", second.Id), "No"));
        await grain.DeleteRecordsAsync("Items", [second.Id], _silo.Owner);
        var third = await OneAsync(grain, "Items", ("Name", "c"));
        Assert.Equal(3, Number(third, "No"));
    }

    [Fact]
    public async Task CreatedAndModifiedTimeAndByFollowTheClockAndTheCaller()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText), Field("Qty", FieldTypes.Number), Field("Note", FieldTypes.SingleLineText)));
        foreach (var (name, type) in new[] { ("Created", FieldTypes.CreatedTime), ("Modified", FieldTypes.LastModifiedTime), ("Creator", FieldTypes.CreatedBy), ("Editor", FieldTypes.LastModifiedBy) })
        {
            await grain.CreateFieldAsync("Items", Field(name, type), _silo.Owner);
        }

        await grain.CreateFieldAsync("Items", Field("Qty changed", FieldTypes.LastModifiedTime, new FieldOptions { ReferencedFieldIds = ["Qty"] }), _silo.Owner);
        var (editor, _) = await _silo.NewMemberAsync("editor", _silo.WorkspaceId);
        var created = await OneAsync(grain, "Items", ("Name", "a"), ("Qty", 1));
        Assert.Equal("2026-03-01T09:00:00.000Z", Text(created, "Created"));
        Assert.Equal("2026-03-01T09:00:00.000Z", Text(created, "Modified"));
        Assert.Equal("2026-03-01T09:00:00.000Z", Text(created, "Qty changed"));
        Assert.Equal(_silo.Owner.UserId, created.Fields["Creator"].GetProperty("id").GetString());

        _silo.Clock.Advance(TimeSpan.FromHours(1));
        await grain.WriteRecordsAsync("Items", [Update(created.Id, ("Note", "x"))], _plain, editor);
        var noted = await GetAsync(grain, "Items", created.Id);
        Assert.Equal("2026-03-01T09:00:00.000Z", Text(noted, "Created"));
        Assert.Equal("2026-03-01T10:00:00.000Z", Text(noted, "Modified"));
        Assert.Equal("2026-03-01T09:00:00.000Z", Text(noted, "Qty changed"));
        Assert.Equal(_silo.Owner.UserId, noted.Fields["Creator"].GetProperty("id").GetString());
        Assert.Equal(editor.UserId, noted.Fields["Editor"].GetProperty("id").GetString());

        _silo.Clock.Advance(TimeSpan.FromHours(1));
        await grain.WriteRecordsAsync("Items", [Update(created.Id, ("Qty", 2))], _plain, _silo.Owner);
        Assert.Equal("2026-03-01T11:00:00.000Z", Text(await GetAsync(grain, "Items", created.Id), "Qty changed"));
    }

    [Fact]
    public async Task AWriteThatChangesNothingLeavesTheModifiedTime()
    {
        var grain = await _silo.NewBaseAsync(Table("Items", Field("Name", FieldTypes.SingleLineText)));
        await grain.CreateFieldAsync("Items", Field("Modified", FieldTypes.LastModifiedTime), _silo.Owner);
        var item = await OneAsync(grain, "Items", ("Name", "a"));
        _silo.Clock.Advance(TimeSpan.FromHours(1));
        await grain.WriteRecordsAsync("Items", [Update(item.Id, ("Name", "a"))], _plain, _silo.Owner);
        Assert.Equal("2026-03-01T09:00:00.000Z", Text(await GetAsync(grain, "Items", item.Id), "Modified"));
    }

    [Fact]
    public async Task ComputedFieldsThatReadComputedFieldsOfALaterTableAreRightAfterARestart()
    {
        // Tasks comes first and looks up a rollup of People, which comes second and reads Tasks.
        var grain = await _silo.NewBaseAsync(
            Table("Tasks", Field("Name", FieldTypes.SingleLineText), Field("Hours", FieldTypes.Number)),
            Table("People", Field("Name", FieldTypes.SingleLineText)));
        var people = (await grain.GetSchemaAsync()).Tables.Single(t => t.Name == "People").Id;
        await grain.CreateFieldAsync("Tasks", Field("Owner", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = people }), _silo.Owner);
        await grain.CreateFieldAsync("People", Field("Total", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = "Tasks", FieldIdInLinkedTable = "Hours", Formula = "SUM(values)" }), _silo.Owner);
        await grain.CreateFieldAsync("People", Field("Label", FieldTypes.Formula, new FieldOptions { Formula = "Name & ' ' & Total" }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Owner label", FieldTypes.MultipleLookupValues, new FieldOptions { RecordLinkFieldId = "Owner", FieldIdInLinkedTable = "Label" }), _silo.Owner);
        await grain.CreateFieldAsync("Tasks", Field("Owner count", FieldTypes.Formula, new FieldOptions { Formula = "LEN(ARRAYJOIN({Owner label}))" }), _silo.Owner);
        var ada = await OneAsync(grain, "People", ("Name", "Ada"));
        var task = await OneAsync(grain, "Tasks", ("Name", "One"), ("Hours", 3), ("Owner", new[] { ada.Id }));
        Assert.Equal("[\"Ada 3\"]", Raw(await GetAsync(grain, "Tasks", task.Id), "Owner label"));
        var baseId = (await grain.GetInfoAsync())!.Id;
        await _silo.Silo.StopAsync();

        await using var restarted = await LocalBaseSilo.StartAsync(_silo.Storage, withOwner: false);
        var reloaded = restarted.Grains.GetGrain<ILocalBaseGrain>(baseId);
        var after = await GetAsync(reloaded, "Tasks", task.Id);
        Assert.Equal("[\"Ada 3\"]", Raw(after, "Owner label"));
        Assert.Equal(5, Number(after, "Owner count"));
        Assert.Equal("Ada 3", Text(await GetAsync(reloaded, "People", ada.Id), "Label"));
    }
}
