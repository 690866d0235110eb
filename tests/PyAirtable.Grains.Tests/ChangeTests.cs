using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.LocalBases.Events;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>A refused request changes nothing; every accepted change is published on the base's stream.</summary>
public sealed class ChangeTests : IAsyncLifetime
{
    private LocalBaseSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await LocalBaseSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private static readonly WriteOptions _plain = new();

    private async Task<ILocalBaseGrain> TasksAsync()
    {
        var grain = await _silo.NewBaseAsync(
            Table("People", Field("Name", FieldTypes.SingleLineText)),
            Table("Tasks", Field("Name", FieldTypes.SingleLineText), Field("No", FieldTypes.AutoNumber), Field("Points", FieldTypes.Number),
                Field("Status", FieldTypes.SingleSelect, Choices("Todo"))));
        var people = (await grain.GetSchemaAsync()).Tables.Single(t => t.Name == "People").Id;
        await grain.CreateFieldAsync("Tasks", Field("Owner", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = people }), _silo.Owner);
        await grain.CreateFieldAsync("People", Field("Points", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = "Tasks", FieldIdInLinkedTable = "Points", Formula = "SUM(values)" }), _silo.Owner);
        return grain;
    }

    private static async Task<IReadOnlyList<string?>> NamesAsync(ILocalBaseGrain grain, string table) =>
        (await grain.ListRecordsAsync(table, new RecordQuery())).Records.Select(r => Text(r, "Name")).ToList();

    [Fact]
    public async Task ARefusedBatchCreatesNothingTakesNoNumberAndAddsNoChoice()
    {
        var grain = await TasksAsync();
        var events = await _silo.ListenAsync(grain);
        var refused = await Assert.ThrowsAsync<BaseRequestException>(() => grain.WriteRecordsAsync("Tasks",
            [Create(("Name", "a"), ("Status", "New choice")), Create(("Name", "b"), ("Owner", "Ada")), Create(("Name", "c"), ("Points", "many"))],
            new WriteOptions(Typecast: true), _silo.Owner));
        Assert.Equal(BaseError.InvalidValue, refused.Error);

        Assert.Empty(await NamesAsync(grain, "Tasks"));
        Assert.Empty(await NamesAsync(grain, "People"));
        var status = (await grain.GetSchemaAsync()).Tables.Single(t => t.Name == "Tasks").Fields.Single(f => f.Name == "Status");
        Assert.Equal(new[] { "Todo" }, status.Options!.Choices!.Select(c => c.Name));
        Assert.Empty(await events.SettledAsync());
        var next = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "d"))], _plain, _silo.Owner)).Single();
        Assert.Equal(1, Number(next, "No"));
    }

    [Fact]
    public async Task ARefusedBatchOfUpdatesLeavesEveryRecordAndLinkAsItWas()
    {
        var grain = await TasksAsync();
        var ada = (await grain.WriteRecordsAsync("People", [Create(("Name", "Ada"))], _plain, _silo.Owner)).Single();
        var task = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "a"), ("Points", 2))], _plain, _silo.Owner)).Single();

        var refused = await Assert.ThrowsAsync<BaseRequestException>(() => grain.WriteRecordsAsync("Tasks",
            [Update(task.Id, ("Name", "changed"), ("Owner", new[] { ada.Id })), Update("recNotThereAtAll1", ("Name", "x"))], _plain, _silo.Owner));
        Assert.Equal(BaseError.RecordNotFound, refused.Error);

        var after = await grain.GetRecordAsync("Tasks", task.Id, new RecordQuery());
        Assert.Equal("a", Text(after, "Name"));
        Assert.Empty(Strings(after, "Owner"));
        var person = await grain.GetRecordAsync("People", ada.Id, new RecordQuery());
        Assert.Empty(Strings(person, "Tasks"));
        Assert.Equal(0, Number(person, "Points"));
    }

    [Fact]
    public async Task ARefusedBatchDeleteDeletesNothing()
    {
        var grain = await TasksAsync();
        var ids = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "a")), Create(("Name", "b"))], _plain, _silo.Owner)).Select(r => r.Id).ToList();
        var refused = await Assert.ThrowsAsync<BaseRequestException>(() => grain.DeleteRecordsAsync("Tasks", [ids[0], "recNotThereAtAll1", ids[1]], _silo.Owner));
        Assert.Equal(BaseError.RecordNotFound, refused.Error);
        Assert.Contains("recNotThereAtAll1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "a", "b" }, await NamesAsync(grain, "Tasks"));
    }

    [Fact]
    public async Task NothingOfARefusedRequestIsStoredEither()
    {
        var grain = await TasksAsync();
        await grain.WriteRecordsAsync("Tasks", [Create(("Name", "kept"), ("Status", "New"))], new WriteOptions(Typecast: true), _silo.Owner);
        await Assert.ThrowsAsync<BaseRequestException>(() =>
            grain.WriteRecordsAsync("Tasks", [Create(("Name", "lost"), ("Status", "Never")), Create(("Points", true))], new WriteOptions(Typecast: true), _silo.Owner));
        var baseId = (await grain.GetInfoAsync())!.Id;
        await _silo.Silo.StopAsync();

        await using var restarted = await LocalBaseSilo.StartAsync(_silo.Storage, withOwner: false);
        var reloaded = restarted.Grains.GetGrain<ILocalBaseGrain>(baseId);
        Assert.Equal(new[] { "kept" }, await NamesAsync(reloaded, "Tasks"));
        var status = (await reloaded.GetSchemaAsync()).Tables.Single(t => t.Name == "Tasks").Fields.Single(f => f.Name == "Status");
        Assert.Equal(new[] { "Todo", "New" }, status.Options!.Choices!.Select(c => c.Name));
    }

    [Fact]
    public async Task CreatesUpdatesAndDeletesArePublishedWithTheirRecordsAndActor()
    {
        var grain = await TasksAsync();
        var schema = await grain.GetSchemaAsync();
        var tasks = schema.Tables.Single(t => t.Name == "Tasks");
        var people = schema.Tables.Single(t => t.Name == "People");
        string TaskField(string name) => tasks.Fields.Single(f => f.Name == name).Id;
        string PersonField(string name) => people.Fields.Single(f => f.Name == name).Id;
        var ada = (await grain.WriteRecordsAsync("People", [Create(("Name", "Ada"))], _plain, _silo.Owner)).Single();
        var events = await _silo.ListenAsync(grain);

        var task = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "a"), ("Points", 2))], _plain, _silo.Owner)).Single();
        await grain.WriteRecordsAsync("Tasks", [Update(task.Id, ("Points", 5), ("Owner", new[] { ada.Id }))], _plain, _silo.Owner);
        await grain.WriteRecordsAsync("Tasks", [Update(task.Id, ("Points", 5))], _plain, _silo.Owner);
        await grain.DeleteRecordsAsync("Tasks", [task.Id], _silo.Owner);

        var seen = await events.SettledAsync();
        Assert.All(seen, e => Assert.IsNotType<SchemaChanged>(e));
        var created = Assert.IsType<RecordsCreated>(seen[0]);
        Assert.Equal(tasks.Id, created.TableId);
        Assert.Equal(_silo.Owner.UserId, created.ActorId);
        Assert.Equal(_silo.Clock.GetUtcNow(), created.At);
        var createdRecord = Assert.Single(created.Records);
        Assert.Equal(task.Id, createdRecord.Id);
        Assert.Equal("a", createdRecord.Fields[TaskField("Name")].GetString());
        Assert.Equal(1, createdRecord.Fields[TaskField("No")].GetDouble());

        // The update publishes both tables; the write that changed nothing publishes nothing; the delete updates Ada.
        var updates = seen.OfType<RecordsUpdated>().ToList();
        Assert.Equal(3, updates.Count);
        Assert.Equal(people.Id, updates[2].TableId);
        updates = updates.Take(2).ToList();
        var taskChange = Assert.Single(updates.Single(u => u.TableId == tasks.Id).Changes);
        Assert.Equal(new[] { TaskField("Points"), TaskField("Owner") }.Order(), taskChange.ChangedFieldIds.Order());
        Assert.Equal(2, taskChange.Before.Fields[TaskField("Points")].GetDouble());
        Assert.Equal(5, taskChange.After.Fields[TaskField("Points")].GetDouble());
        Assert.False(taskChange.Before.Fields.ContainsKey(TaskField("Owner")));

        // The other side of the link and its rollup changed too, in the same request.
        var personChange = Assert.Single(updates.Single(u => u.TableId == people.Id).Changes);
        Assert.Equal(ada.Id, personChange.RecordId);
        Assert.Equal(new[] { PersonField("Tasks"), PersonField("Points") }.Order(), personChange.ChangedFieldIds.Order());
        Assert.Equal(0, personChange.Before.Fields[PersonField("Points")].GetDouble());
        Assert.Equal(5, personChange.After.Fields[PersonField("Points")].GetDouble());

        var deleted = seen.OfType<RecordsDeleted>().Single();
        Assert.Equal(task.Id, Assert.Single(deleted.Records).Id);
        Assert.Equal(5, deleted.Records[0].Fields[TaskField("Points")].GetDouble());
        Assert.Equal(new[] { nameof(RecordsDeleted), nameof(RecordsUpdated) }, seen.TakeLast(2).Select(e => e.GetType().Name).Order());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task SchemaChangesArePublishedWithWhatChanged()
    {
        var grain = await TasksAsync();
        var events = await _silo.ListenAsync(grain);
        var table = await grain.CreateTableAsync(Table("Notes", Field("Title", FieldTypes.SingleLineText)), _silo.Owner);
        var field = await grain.CreateFieldAsync("Notes", Field("Body", FieldTypes.MultilineText), _silo.Owner);
        await grain.UpdateFieldAsync("Notes", "Body", new SchemaUpdate("Text", null), _silo.Owner);
        await grain.UpdateTableAsync("Notes", new SchemaUpdate("Memos", null), _silo.Owner);
        await grain.PutViewAsync("Memos", new ViewDefinition("All", null, null, null), _silo.Owner);
        await grain.UpdateAsync("Renamed", null, _silo.Owner);

        var changes = (await events.SettledAsync()).Cast<SchemaChanged>().ToList();
        Assert.Equal(new[] { "table.created", "field.created", "field.updated", "table.updated", "view.changed", "base.updated" }, changes.Select(c => c.Change));
        Assert.All(changes.Take(5), c => Assert.Equal(table.Id, c.TableId));
        Assert.Equal(field.Id, changes[1].FieldId);
        Assert.Equal(field.Id, changes[2].FieldId);
        Assert.All(changes, c => Assert.Equal(_silo.Owner.UserId, c.ActorId));
    }

    [Fact]
    public async Task ARecordThatTypecastCreatesInALinkedTableIsPublishedAsCreated()
    {
        var grain = await TasksAsync();
        var people = (await grain.GetSchemaAsync()).Tables.Single(t => t.Name == "People");
        var events = await _silo.ListenAsync(grain);
        var task = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "a"), ("Owner", "Grace"))], new WriteOptions(Typecast: true), _silo.Owner)).Single();

        var created = (await events.SettledAsync()).OfType<RecordsCreated>().ToList();
        Assert.Equal(2, created.Count);
        var grace = created.Single(c => c.TableId == people.Id).Records.Single();
        Assert.Equal("Grace", grace.Fields[people.PrimaryFieldId].GetString());
        Assert.Equal(new[] { task.Id }, grace.Fields[people.Fields.Single(f => f.Name == "Tasks").Id].EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AddingAComputedFieldPublishesTheSchemaChangeAloneNotAnUpdateOfEveryRecord()
    {
        var grain = await TasksAsync();
        var ids = (await grain.WriteRecordsAsync("Tasks", [Create(("Name", "a"), ("Points", 1)), Create(("Name", "b"), ("Points", 2))], _plain, _silo.Owner)).Select(r => r.Id).ToList();
        var tableId = (await grain.GetSchemaAsync()).Tables.Single(t => t.Name == "Tasks").Id;
        var events = await _silo.ListenAsync(grain);

        var field = await grain.CreateFieldAsync("Tasks", Field("Twice", FieldTypes.Formula, new FieldOptions { Formula = "Points * 2" }), _silo.Owner);

        var change = Assert.IsType<SchemaChanged>(Assert.Single(await events.SettledAsync()));
        Assert.Equal(("field.created", tableId, field.Id), (change.Change, change.TableId, change.FieldId));
        Assert.Equal(4, Number(await grain.GetRecordAsync("Tasks", ids[1], new RecordQuery()), "Twice"));
    }
}
