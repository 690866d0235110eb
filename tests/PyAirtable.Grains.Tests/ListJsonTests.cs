using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PyAirtable.GrainInterfaces.LocalBases;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>
/// The list page the <c>/v0</c> API sends as the base wrote it: the same JSON as the page of
/// records serialized, in every output shape, and never a page from before the latest change.
/// </summary>
public sealed class ListJsonTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions _web = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private LocalBaseSilo _silo = null!;
    private ILocalBaseGrain _base = null!;

    public async Task InitializeAsync()
    {
        _silo = await LocalBaseSilo.StartAsync();
        _base = await _silo.NewBaseAsync(Table(
            "Tasks",
            Field("Name", FieldTypes.SingleLineText),
            Field("Points", FieldTypes.Number, new FieldOptions { Precision = 1 }),
            Field("Due", FieldTypes.Date),
            Field("Notes \"<&>\" é", FieldTypes.MultilineText),
            Field("Status", FieldTypes.SingleSelect, Choices("Todo", "Done"))));
        var writes = Enumerable.Range(0, 25).Select(i => Create(
            ("Name", $"Task {i} \u00e9\u2028<b>"),
            ("Points", i % 7 == 0 ? null : i * 1.5),
            ("Due", $"2026-0{1 + (i % 9)}-1{i % 10}"),
            ("Notes \"<&>\" é", i % 3 == 0 ? "line\nbreak \"quoted\"" : null),
            ("Status", i % 2 == 0 ? "Done" : "Todo"))).ToList();
        for (var i = 0; i < writes.Count; i += 10)
        {
            await _base.WriteRecordsAsync("Tasks", writes.Skip(i).Take(10).ToList(), new WriteOptions(), _silo.Owner);
        }
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    public static TheoryData<string> Shapes() => new() { "plain", "byFieldId", "fields", "text", "comments", "filtered" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task TheWrittenPageIsTheSerializedPageByteForByte(string shape)
    {
        var query = QueryFor(shape);
        var comments = await _base.ListRecordsAsync("Tasks", new RecordQuery { PageSize = 1 });
        await _base.CreateCommentAsync("Tasks", comments.Records[0].Id, "a comment", _silo.Owner);

        string? offset = null;
        var pages = 0;
        do
        {
            var page = await _base.ListRecordsAsync("Tasks", query with { Offset = offset });
            var written = await _base.ListRecordsJsonAsync("Tasks", query with { Offset = offset });

            Assert.Equal(Serialized(page), Encoding.UTF8.GetString(written.Records.Span));
            Assert.Equal(page.Offset is null, written.Offset is null);
            offset = written.Offset;
            pages++;
        }
        while (offset is not null);
        Assert.True(pages > 1);
    }

    [Fact]
    public async Task ARepeatedPageAfterAnUpdateShowsTheNewValue()
    {
        var query = new RecordQuery { PageSize = 5, FilterByFormula = "{Status} = 'Done'" };
        var before = await _base.ListRecordsJsonAsync("Tasks", query);
        var first = JsonDocument.Parse(before.Records).RootElement[0];

        await _base.WriteRecordsAsync("Tasks", [Update(first.GetProperty("id").GetString()!, ("Name", "renamed"))], new WriteOptions(), _silo.Owner);
        var after = await _base.ListRecordsJsonAsync("Tasks", query);

        Assert.Equal("renamed", JsonDocument.Parse(after.Records).RootElement[0].GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task ALaterPageOfAnIterationShowsValuesChangedAfterItsFirstPage()
    {
        var query = new RecordQuery { PageSize = 10 };
        var first = await _base.ListRecordsJsonAsync("Tasks", query);
        var second = await _base.ListRecordsJsonAsync("Tasks", query with { Offset = first.Offset });
        var target = JsonDocument.Parse(second.Records).RootElement[3].GetProperty("id").GetString()!;

        await _base.WriteRecordsAsync("Tasks", [Update(target, ("Name", "changed later"))], new WriteOptions(), _silo.Owner);
        var again = await _base.ListRecordsJsonAsync("Tasks", query with { Offset = first.Offset });

        Assert.Equal("changed later", JsonDocument.Parse(again.Records).RootElement[3].GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task IdenticalListsShareOneIterationUntilTheBaseChanges()
    {
        var query = new RecordQuery { PageSize = 10 };
        var one = await _base.ListRecordsJsonAsync("Tasks", query);
        var two = await _base.ListRecordsJsonAsync("Tasks", query);
        Assert.Equal(one.Offset, two.Offset);

        await _base.WriteRecordsAsync("Tasks", [Create(("Name", "new"))], new WriteOptions(), _silo.Owner);
        var three = await _base.ListRecordsJsonAsync("Tasks", query);

        Assert.NotEqual(one.Offset![..one.Offset!.IndexOf('/', StringComparison.Ordinal)], three.Offset![..three.Offset!.IndexOf('/', StringComparison.Ordinal)]);
        var rest = await _base.ListRecordsJsonAsync("Tasks", query with { Offset = one.Offset });
        Assert.Equal(10, JsonDocument.Parse(rest.Records).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task AFilterThatReadsTheClockIsEvaluatedAnewEveryTime()
    {
        var query = new RecordQuery { FilterByFormula = "IS_BEFORE({Due}, TODAY())" };
        var march = await _base.ListRecordsJsonAsync("Tasks", query);
        _silo.Clock.Advance(TimeSpan.FromDays(270));
        var december = await _base.ListRecordsJsonAsync("Tasks", query);

        Assert.True(JsonDocument.Parse(december.Records).RootElement.GetArrayLength() > JsonDocument.Parse(march.Records).RootElement.GetArrayLength());
    }

    private static RecordQuery QueryFor(string shape) => shape switch
    {
        "byFieldId" => new RecordQuery { PageSize = 7, ReturnFieldsByFieldId = true },
        "fields" => new RecordQuery { PageSize = 7, Fields = ["Status", "Name"] },
        "text" => new RecordQuery { PageSize = 7, CellFormat = CellFormat.Text, TimeZone = "America/New_York", UserLocale = "en-us" },
        "comments" => new RecordQuery { PageSize = 7, IncludeCommentCount = true },
        "filtered" => new RecordQuery { PageSize = 4, FilterByFormula = "{Points} > 3", Sort = [new ViewSort("Points", "desc")] },
        _ => new RecordQuery { PageSize = 7 },
    };

    private static string Serialized(RecordPage page) => JsonSerializer.Serialize(
        page.Records.Select(r => r.CommentCount is { } count
            ? (object)new { id = r.Id, createdTime = Iso(r.CreatedTime), fields = r.Fields, commentCount = count }
            : new { id = r.Id, createdTime = Iso(r.CreatedTime), fields = r.Fields }).ToList(),
        _web);

    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
