using PyAirtable.GrainInterfaces.LocalBases;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>Which records a list returns and in which order: views, sorts by each type, maxRecords, paging, fields.</summary>
public sealed class RecordSelectionTests : IAsyncLifetime
{
    private LocalBaseSilo _silo = null!;
    private ILocalBaseGrain _base = null!;

    public async Task InitializeAsync()
    {
        _silo = await LocalBaseSilo.StartAsync();
        _base = await _silo.NewBaseAsync(Table("Tasks",
            Field("Name", FieldTypes.SingleLineText), Field("Points", FieldTypes.Number), Field("Due", FieldTypes.Date),
            Field("At", FieldTypes.DateTime), Field("Done", FieldTypes.Checkbox), Field("Took", FieldTypes.Duration),
            Field("Status", FieldTypes.SingleSelect, Choices("Todo", "In progress", "Blocked", "Done")),
            Field("Tags", FieldTypes.MultipleSelects, Choices("b", "a"))));
        await _base.CreateFieldAsync("Tasks", Field("Score", FieldTypes.Formula, new FieldOptions { Formula = "Points * 10" }), _silo.Owner);
        await _base.WriteRecordsAsync("Tasks",
        [
            Create(("Name", "charlie"), ("Points", 3), ("Due", "2024-03-01"), ("At", "2024-03-01T10:00:00Z"), ("Done", true), ("Took", 600), ("Status", "Done"), ("Tags", new[] { "b" })),
            Create(("Name", "Alpha"), ("Points", 10), ("Due", "2024-01-15"), ("At", "2024-03-01T09:00:00Z"), ("Took", 60), ("Status", "Todo"), ("Tags", new[] { "a" })),
            Create(("Name", "bravo"), ("Points", -2), ("Due", "2024-12-31"), ("At", "2023-12-31T23:00:00Z"), ("Done", true), ("Took", 3600), ("Status", "Blocked")),
            Create(("Name", "delta"), ("Points", 7), ("Status", "In progress"), ("Tags", new[] { "a", "b" })),
            Create(("Name", "echo")),
        ], new WriteOptions(), _silo.Owner);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<IReadOnlyList<string?>> NamesAsync(RecordQuery query) =>
        (await _base.ListRecordsAsync("Tasks", query)).Records.Select(r => Text(r, "Name")).ToList();

    private Task<IReadOnlyList<string?>> SortedAsync(string field, string direction = "asc") =>
        NamesAsync(new RecordQuery { Sort = [new ViewSort(field, direction)] });

    [Fact]
    public async Task WithoutASortRecordsComeInCreationOrder() =>
        Assert.Equal(new[] { "charlie", "Alpha", "bravo", "delta", "echo" }, await NamesAsync(new RecordQuery()));

    [Fact]
    public async Task TextSortsIgnoringCaseWithBlanksFirst()
    {
        Assert.Equal(new[] { "Alpha", "bravo", "charlie", "delta", "echo" }, await SortedAsync("Name"));
        Assert.Equal(new[] { "echo", "delta", "charlie", "bravo", "Alpha" }, await SortedAsync("Name", "desc"));
    }

    [Fact]
    public async Task NumbersSortByValueNotByText()
    {
        Assert.Equal(new[] { "echo", "bravo", "charlie", "delta", "Alpha" }, await SortedAsync("Points"));
        Assert.Equal(new[] { "Alpha", "delta", "charlie", "bravo", "echo" }, await SortedAsync("Points", "desc"));
        // A blank number counts as 0 in arithmetic, so echo's score is 0, above bravo's -20.
        Assert.Equal(new[] { "bravo", "echo", "charlie", "delta", "Alpha" }, await SortedAsync("Score"));
    }

    [Fact]
    public async Task DatesAndDateTimesSortChronologically()
    {
        Assert.Equal(new[] { "delta", "echo", "Alpha", "charlie", "bravo" }, await SortedAsync("Due"));
        Assert.Equal(new[] { "delta", "echo", "bravo", "Alpha", "charlie" }, await SortedAsync("At"));
    }

    [Fact]
    public async Task CheckboxesAndDurationsSortByValue()
    {
        Assert.Equal(new[] { "Alpha", "delta", "echo", "charlie", "bravo" }, await SortedAsync("Done"));
        Assert.Equal(new[] { "delta", "echo", "Alpha", "charlie", "bravo" }, await SortedAsync("Took"));
    }

    [Fact]
    public async Task ASingleSelectSortsByTheOrderOfItsChoicesNotAlphabetically()
    {
        Assert.Equal(new[] { "echo", "Alpha", "delta", "bravo", "charlie" }, await SortedAsync("Status"));
        Assert.Equal(new[] { "charlie", "bravo", "delta", "Alpha", "echo" }, await SortedAsync("Status", "desc"));
    }

    [Fact]
    public async Task SortsApplyInOrderAndTiesKeepCreationOrder()
    {
        Assert.Equal(new[] { "delta", "echo", "Alpha", "charlie", "bravo" },
            await NamesAsync(new RecordQuery { Sort = [new ViewSort("Done", "asc"), new ViewSort("Due", "asc")] }));
        Assert.Equal(new[] { "charlie", "bravo", "Alpha", "delta", "echo" },
            await NamesAsync(new RecordQuery { Sort = [new ViewSort("Done", "desc")] }));
    }

    [Fact]
    public async Task AnUnknownSortFieldOrDirectionIsRefused()
    {
        Assert.Equal(BaseError.UnknownField, (await Assert.ThrowsAsync<BaseRequestException>(() => SortedAsync("Nope"))).Error);
        Assert.Equal(BaseError.InvalidRequest, (await Assert.ThrowsAsync<BaseRequestException>(() => SortedAsync("Name", "up"))).Error);
    }

    [Fact]
    public async Task AViewFiltersAndSortsAndTheRequestFilterNarrowsItFurther()
    {
        await _base.PutViewAsync("Tasks", new ViewDefinition("Open", "NOT({Done})", [new ViewSort("Points", "desc")], ["Tags"]), _silo.Owner);
        Assert.Equal(new[] { "Alpha", "delta", "echo" }, await NamesAsync(new RecordQuery { View = "Open" }));
        Assert.Equal(new[] { "Alpha", "delta" }, await NamesAsync(new RecordQuery { View = "open", FilterByFormula = "{Points} > 0" }));
        Assert.Equal(new[] { "Alpha", "delta", "echo" }.Reverse(), await NamesAsync(new RecordQuery { View = "Open", Sort = [new ViewSort("Name", "desc")] }));
    }

    [Fact]
    public async Task AViewsHiddenFieldsAreStillReturnedAsAirtablesApiDoes()
    {
        var view = await _base.PutViewAsync("Tasks", new ViewDefinition("Lean", null, null, ["Tags", "Points"]), _silo.Owner);
        Assert.Equal(2, view.HiddenFieldIds.Count);
        var alpha = (await _base.ListRecordsAsync("Tasks", new RecordQuery { View = view.Id, FilterByFormula = "Name = 'Alpha'" })).Records.Single();
        Assert.Equal(10, Number(alpha, "Points"));
    }

    [Fact]
    public async Task AnUnknownViewIsRefused() =>
        Assert.Equal(BaseError.ViewNotFound, (await Assert.ThrowsAsync<BaseRequestException>(() => NamesAsync(new RecordQuery { View = "Nope" }))).Error);

    [Fact]
    public async Task MaxRecordsCapsTheWholeListAcrossPages()
    {
        var first = await _base.ListRecordsAsync("Tasks", new RecordQuery { MaxRecords = 3, PageSize = 2 });
        Assert.Equal(2, first.Records.Count);
        Assert.NotNull(first.Offset);
        var second = await _base.ListRecordsAsync("Tasks", new RecordQuery { MaxRecords = 3, PageSize = 2, Offset = first.Offset });
        Assert.Equal(new[] { "bravo" }, second.Records.Select(r => Text(r, "Name")));
        Assert.Null(second.Offset);
        Assert.Empty(await NamesAsync(new RecordQuery { MaxRecords = 0 }));
    }

    [Fact]
    public async Task PagesFollowTheOffsetToTheEndWithoutRepeatsOrGaps()
    {
        var names = new List<string?>();
        string? offset = null;
        do
        {
            var page = await _base.ListRecordsAsync("Tasks", new RecordQuery { PageSize = 2, Offset = offset, Sort = [new ViewSort("Name", "asc")] });
            Assert.True(page.Records.Count <= 2);
            names.AddRange(page.Records.Select(r => Text(r, "Name")));
            offset = page.Offset;
        }
        while (offset is not null);

        Assert.Equal(new[] { "Alpha", "bravo", "charlie", "delta", "echo" }, names);
    }

    [Fact]
    public async Task AnOffsetOnlyContinuesTheQueryThatGaveIt()
    {
        var first = await _base.ListRecordsAsync("Tasks", new RecordQuery { PageSize = 2 });
        var other = await Assert.ThrowsAsync<BaseRequestException>(() => _base.ListRecordsAsync("Tasks", new RecordQuery { PageSize = 2, Offset = first.Offset, FilterByFormula = "1" }));
        Assert.Equal(BaseError.IteratorNotAvailable, other.Error);
        Assert.Equal(BaseError.IteratorNotAvailable, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.ListRecordsAsync("Tasks", new RecordQuery { Offset = "itrMadeUp/recMadeUp" }))).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task APageSizeOutsideOneToAHundredIsRefused(int size) =>
        Assert.Equal(BaseError.InvalidRequest, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.ListRecordsAsync("Tasks", new RecordQuery { PageSize = size }))).Error);

    [Fact]
    public async Task FieldsSelectsWhichCellsComeBackByNameOrIdAndKeyedAsAsked()
    {
        var table = (await _base.GetSchemaAsync()).Tables.Single();
        var points = table.Fields.Single(f => f.Name == "Points").Id;
        var alpha = (await _base.ListRecordsAsync("Tasks", new RecordQuery { Fields = ["name", points], FilterByFormula = "Name = 'Alpha'" })).Records.Single();
        Assert.Equal(new[] { "Name", "Points" }, alpha.Fields.Keys.Order());
        var byId = (await _base.ListRecordsAsync("Tasks", new RecordQuery { Fields = ["Points"], ReturnFieldsByFieldId = true, FilterByFormula = "Name = 'Alpha'" })).Records.Single();
        Assert.Equal(new[] { points }, byId.Fields.Keys);
        Assert.Equal(BaseError.UnknownField, (await Assert.ThrowsAsync<BaseRequestException>(() => NamesAsync(new RecordQuery { Fields = ["Nope"] }))).Error);
    }

    [Fact]
    public async Task AFilterThatDoesNotCompileIsRefusedWithAirtablesErrorType() =>
        Assert.Equal(BaseError.InvalidFilter, (await Assert.ThrowsAsync<BaseRequestException>(() => NamesAsync(new RecordQuery { FilterByFormula = "{Points} >" }))).Error);
}
