using System.Diagnostics;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.Runtime.Storage.Sqlite;
using Xunit.Abstractions;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>A table of 100,000 records on SQLite: written in batches through the grain, listed with a filter and paging, and still there after a restart.</summary>
public sealed class LargeTableTests(ITestOutputHelper output) : IDisposable
{
    private const int Records = 100_000;
    private const int Batch = 1_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("pyairtable-large-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<List<RecordData>> ListAllAsync(ILocalBaseGrain grain, RecordQuery query)
    {
        var records = new List<RecordData>();
        string? offset = null;
        do
        {
            var page = await grain.ListRecordsAsync("Items", query with { Offset = offset });
            Assert.True(page.Records.Count <= 100);
            records.AddRange(page.Records);
            offset = page.Offset;
        }
        while (offset is not null);

        return records;
    }

    [Fact]
    public async Task AHundredThousandRecordsAreWrittenFilteredPagedAndReloadedFromSqlite()
    {
        var clock = Stopwatch.StartNew();
        var path = Path.Combine(_directory, "large.db");
        string baseId;
        var query = new RecordQuery { FilterByFormula = "AND({Points} >= 990, Status = 'Done')", Fields = ["Name", "Points", "Double"] };
        List<string> expected;
        await using (var storage = new SqliteRuntimeStorage(path))
        {
            await using var silo = await LocalBaseSilo.StartAsync(storage);
            var grain = await silo.NewBaseAsync(Table("Items",
                Field("Name", FieldTypes.SingleLineText), Field("Points", FieldTypes.Number, new FieldOptions { Precision = 0 }),
                Field("Status", FieldTypes.SingleSelect, Choices("Todo", "Done")), Field("No", FieldTypes.AutoNumber)));
            await grain.CreateFieldAsync("Items", Field("Double", FieldTypes.Formula, new FieldOptions { Formula = "{Points} * 2" }), silo.Owner);
            baseId = (await grain.GetInfoAsync())!.Id;
            for (var start = 0; start < Records; start += Batch)
            {
                var writes = Enumerable.Range(start, Batch)
                    .Select(i => Create(("Name", $"item {i}"), ("Points", i % 1000), ("Status", i % 2 == 0 ? "Done" : "Todo"))).ToList();
                var written = await grain.WriteRecordsAsync("Items", writes, new WriteOptions(), silo.Owner);
                Assert.Equal(Batch, written.Count);
            }

            output.WriteLine($"created {Records} records: {clock.Elapsed}");
            await grain.CreateFieldAsync("Items", Field("Plus one", FieldTypes.Formula, new FieldOptions { Formula = "{Points} + 1" }), silo.Owner);
            output.WriteLine($"added a formula field: {clock.Elapsed}");
            var matching = await ListAllAsync(grain, query);
            output.WriteLine($"listed {matching.Count} matching records: {clock.Elapsed}");

            // Points 990..999 with an even index: 5 of every 1,000 records.
            Assert.Equal(Records / 1000 * 5, matching.Count);
            Assert.All(matching, r => Assert.Equal(Number(r, "Points") * 2, Number(r, "Double")));
            Assert.All(matching, r => Assert.Equal(new[] { "Double", "Name", "Points" }, r.Fields.Keys.Order()));
            expected = matching.Select(r => r.Id).ToList();
            var last = (await grain.ListRecordsAsync("Items", new RecordQuery { Sort = [new ViewSort("No", "desc")], PageSize = 1 })).Records.Single();
            Assert.Equal(Records, Number(last, "No"));
        }

        await using (var storage = new SqliteRuntimeStorage(path))
        {
            await using var silo = await LocalBaseSilo.StartAsync(storage, withOwner: false);
            var grain = silo.Grains.GetGrain<ILocalBaseGrain>(baseId);
            var matching = await ListAllAsync(grain, query);
            output.WriteLine($"reloaded and listed again: {clock.Elapsed}");

            Assert.Equal(expected, matching.Select(r => r.Id));
            Assert.All(matching, r => Assert.Equal(Number(r, "Points") * 2, Number(r, "Double")));
            var first = (await grain.ListRecordsAsync("Items", new RecordQuery { MaxRecords = 1 })).Records.Single();
            Assert.Equal("item 0", Text(first, "Name"));
            Assert.Equal(Records, (await ListAllAsync(grain, new RecordQuery { Fields = ["No"] })).Count);
            output.WriteLine($"paged through all records: {clock.Elapsed}");
        }
    }
}
