using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.Grains.ConnectedBases;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>The gateway's pure pieces: send schedule, request classification, cache invalidation.</summary>
public sealed class GatewayUnitTests
{
    private const string BaseId = "appAAAAAAAAAAAAAA";
    private static readonly DateTimeOffset s_start = DateTimeOffset.UnixEpoch;

    private static readonly string s_schema = """
        {"tables":[
          {"id":"tblTasksXXXXXXXXX","name":"Tasks","fields":[{"id":"fld1","name":"Owner","type":"multipleRecordLinks","options":{"linkedTableId":"tblPeopleXXXXXXXX"}}]},
          {"id":"tblPeopleXXXXXXXX","name":"People","fields":[{"id":"fld2","name":"Tasks","type":"multipleRecordLinks","options":{"linkedTableId":"tblTasksXXXXXXXXX"}}]},
          {"id":"tblNotesXXXXXXXXX","name":"Notes","fields":[{"id":"fld3","name":"Text","type":"singleLineText"}]}
        ]}
        """;

    [Fact]
    public void TheScheduleSpacesSendTimesSoNoSecondHoldsMoreThanTheLimit()
    {
        var schedule = new SendSchedule(5, 20);
        var slots = Enumerable.Range(0, 20).Select(_ => schedule.Reserve(s_start, s_start, DateTimeOffset.MaxValue)!.Value).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(204), slots[1] - slots[0]);
        for (var i = 0; i + 5 < slots.Count; i++)
        {
            Assert.True(slots[i + 5] - slots[i] > TimeSpan.FromSeconds(1), $"slots {i} and {i + 5} are within one second");
        }
    }

    [Fact]
    public void TheScheduleRefusesASendTimePastTheDeadlineWithoutReservingIt()
    {
        var schedule = new SendSchedule(5, 0);
        schedule.Reserve(s_start, s_start, DateTimeOffset.MaxValue);

        Assert.Null(schedule.Reserve(s_start, s_start, s_start + TimeSpan.FromMilliseconds(100)));
        Assert.Equal(s_start + TimeSpan.FromMilliseconds(200), schedule.Reserve(s_start, s_start, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void APauseMovesEverySendTimeAfterIt()
    {
        var schedule = new SendSchedule(50, 0);
        schedule.PauseUntil(s_start + TimeSpan.FromSeconds(30));
        schedule.PauseUntil(s_start + TimeSpan.FromSeconds(10));

        Assert.Equal(s_start + TimeSpan.FromSeconds(30), schedule.Reserve(s_start, s_start, DateTimeOffset.MaxValue));
        Assert.Equal(s_start + TimeSpan.FromSeconds(30), schedule.PausedUntil);
    }

    [Theory]
    [InlineData("GET", "/v0/appAAAAAAAAAAAAAA/Tasks?pageSize=3", "ListRecords", true)]
    [InlineData("POST", "/v0/appAAAAAAAAAAAAAA/Tasks/listRecords", "ListRecords", true)]
    [InlineData("GET", "/v0/appAAAAAAAAAAAAAA/Tasks/recX", "GetRecord", true)]
    [InlineData("POST", "/v0/appAAAAAAAAAAAAAA/Tasks", "WriteRecords", false)]
    [InlineData("PATCH", "/v0/appAAAAAAAAAAAAAA/Tasks", "WriteRecords", true)]
    [InlineData("DELETE", "/v0/appAAAAAAAAAAAAAA/Tasks?records[]=recX", "WriteRecords", true)]
    [InlineData("GET", "/v0/appAAAAAAAAAAAAAA/Tasks/recX/comments", "ListComments", true)]
    [InlineData("POST", "/v0/appAAAAAAAAAAAAAA/Tasks/recX/comments", "WriteComments", false)]
    [InlineData("GET", "/v0/meta/bases/appAAAAAAAAAAAAAA/tables", "ReadSchema", true)]
    [InlineData("POST", "/v0/meta/bases/appAAAAAAAAAAAAAA/tables", "WriteSchema", false)]
    [InlineData("PATCH", "/v0/meta/bases/appAAAAAAAAAAAAAA/tables/tblX/fields/fldX", "WriteSchema", true)]
    public void RequestsAreClassifiedAsAirtableWouldTreatThem(string method, string path, string kind, bool safeToRepeat)
    {
        var route = GatewayRoute.Parse(BaseId, new AirtableRequest(method, path));

        Assert.Equal(kind, route.Kind.ToString());
        Assert.Equal(safeToRepeat, route.SafeToRepeat);
    }

    [Theory]
    [InlineData("/v0/appBBBBBBBBBBBBBB/Tasks")]
    [InlineData("/v0/meta/bases/appBBBBBBBBBBBBBB/tables")]
    [InlineData("/v0/meta/whoami")]
    [InlineData("/api/v1/me")]
    public void PathsOfOtherBasesOrOtherApisAreRefused(string path) =>
        Assert.Throws<ArgumentException>(() => GatewayRoute.Parse(BaseId, AirtableRequest.Get(path)));

    [Fact]
    public void AnUpsertIsNotSafeToRepeatAndNamesNoRecords()
    {
        var route = GatewayRoute.Parse(BaseId, new AirtableRequest("PATCH", "/v0/appAAAAAAAAAAAAAA/Tasks", """{"performUpsert":{"fieldsToMergeOn":["Name"]},"records":[{"fields":{"Name":"a"}}]}"""));

        Assert.False(route.SafeToRepeat);
        Assert.Null(route.WrittenRecordIds);
    }

    [Fact]
    public void QueriesThatDifferOnlyInParameterOrderShareACacheKey()
    {
        var a = GatewayRoute.Parse(BaseId, AirtableRequest.Get("/v0/appAAAAAAAAAAAAAA/Tasks?pageSize=3&view=Grid+view"));
        var b = GatewayRoute.Parse(BaseId, AirtableRequest.Get("/v0/appAAAAAAAAAAAAAA/Tasks/?view=Grid%20view&pageSize=3"));
        var c = GatewayRoute.Parse(BaseId, AirtableRequest.Get("/v0/appAAAAAAAAAAAAAA/Tasks?pageSize=4&view=Grid+view"));

        Assert.Equal(a.CacheKey, b.CacheKey);
        Assert.NotEqual(a.CacheKey, c.CacheKey);
    }

    [Fact]
    public void AWriteDropsItsTablesListsItsRecordsAndLinkedTablesButKeepsUnrelatedReads()
    {
        var cache = Filled(withSchema: true);

        cache.Invalidate(GatewayRoute.Parse(BaseId, new AirtableRequest("PATCH", "/v0/appAAAAAAAAAAAAAA/Tasks", """{"records":[{"id":"rec1","fields":{}}]}""")));

        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/Tasks"));
        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/tblTasksXXXXXXXXX"));
        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/Tasks/rec1"));
        Assert.True(Has(cache, "/v0/appAAAAAAAAAAAAAA/Tasks/rec2"));
        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/People"));
        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/People/rec9"));
        Assert.True(Has(cache, "/v0/appAAAAAAAAAAAAAA/Notes"));
        Assert.True(Has(cache, "/v0/meta/bases/appAAAAAAAAAAAAAA/tables"));
    }

    [Fact]
    public void AReadInFlightWhileOtherRecordsAreWrittenMayStillBeCachedButNotOneWhoseRecordWasWritten()
    {
        var cache = Filled(withSchema: true);
        var started = cache.Generation;

        cache.Invalidate(GatewayRoute.Parse(BaseId, new AirtableRequest("PATCH", "/v0/appAAAAAAAAAAAAAA/Tasks/rec1", """{"fields":{}}""")));
        cache.Invalidate(GatewayRoute.Parse(BaseId, new AirtableRequest("PATCH", "/v0/appAAAAAAAAAAAAAA/Notes/rec7", """{"fields":{}}""")));

        Assert.True(cache.UnchangedSince(Route("/v0/appAAAAAAAAAAAAAA/Tasks/rec2"), started));
        Assert.False(cache.UnchangedSince(Route("/v0/appAAAAAAAAAAAAAA/Tasks/rec1"), started));
        Assert.False(cache.UnchangedSince(Route("/v0/appAAAAAAAAAAAAAA/Tasks"), started));
        Assert.False(cache.UnchangedSince(Route("/v0/appAAAAAAAAAAAAAA/People/rec9"), started));
        Assert.True(cache.UnchangedSince(Route("/v0/appAAAAAAAAAAAAAA/Tasks/rec1"), cache.Generation));
    }

    [Fact]
    public void AReadOlderThanTheWriteLogIsNeverCached()
    {
        var cache = Filled(withSchema: true);
        var started = cache.Generation;

        for (var i = 0; i < 300; i++)
        {
            cache.Invalidate(GatewayRoute.Parse(BaseId, new AirtableRequest("PATCH", "/v0/appAAAAAAAAAAAAAA/Notes/rec7", """{"fields":{}}""")));
        }

        Assert.False(cache.UnchangedSince(Route("/v0/appAAAAAAAAAAAAAA/Tasks/rec2"), started));
    }

    [Fact]
    public void AListPageStandsForReadsOfItsRecordsOnlyWhenItShowsThemAsAReadWould()
    {
        var cache = new GatewayCache(100);
        const string page = """{"records":[{"id":"rec1","createdTime":"2026-01-01T00:00:00.000Z","fields":{"Name":"a"}}],"offset":"itr1/rec2"}""";

        Put(cache, "/v0/appAAAAAAAAAAAAAA/Tasks?pageSize=1&sort%5B0%5D%5Bfield%5D=Name", page);
        Put(cache, "/v0/appAAAAAAAAAAAAAA/People?fields%5B%5D=Name", page.Replace("rec1", "rec5", StringComparison.Ordinal));

        Assert.True(cache.TryGet(Route("/v0/appAAAAAAAAAAAAAA/Tasks/rec1").CacheKey, s_start, TimeSpan.Zero, out var record, out _));
        Assert.Equal("""{"id":"rec1","createdTime":"2026-01-01T00:00:00.000Z","fields":{"Name":"a"}}""", record.Body);
        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/People/rec5"));
    }

    [Fact]
    public void WithoutTheSchemaAWriteDropsEveryRecordReadButNotTheSchema()
    {
        var cache = Filled(withSchema: false);

        cache.Invalidate(GatewayRoute.Parse(BaseId, new AirtableRequest("DELETE", "/v0/appAAAAAAAAAAAAAA/Tasks/rec1")));

        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/Notes"));
        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/Tasks/rec2"));
    }

    [Fact]
    public void ASchemaWriteDropsEverythingAndMovesTheGeneration()
    {
        var cache = Filled(withSchema: true);
        var generation = cache.Generation;

        cache.Invalidate(GatewayRoute.Parse(BaseId, new AirtableRequest("POST", "/v0/meta/bases/appAAAAAAAAAAAAAA/tables")));

        Assert.Equal(0, cache.Count);
        Assert.True(cache.Generation > generation);
    }

    [Fact]
    public void TheCacheKeepsAtMostItsLimitDroppingTheOldestFirst()
    {
        var cache = new GatewayCache(2);
        foreach (var path in new[] { "/v0/appAAAAAAAAAAAAAA/A", "/v0/appAAAAAAAAAAAAAA/B", "/v0/appAAAAAAAAAAAAAA/C" })
        {
            Put(cache, path, "{}");
        }

        Assert.False(Has(cache, "/v0/appAAAAAAAAAAAAAA/A"));
        Assert.True(Has(cache, "/v0/appAAAAAAAAAAAAAA/C"));
        Assert.Equal(1, cache.Evictions);
    }

    [Fact]
    public void AnExpiredEntryIsServedOnlyInsideTheStaleWindowAndSaysSo()
    {
        var cache = new GatewayCache(10);
        var route = GatewayRoute.Parse(BaseId, AirtableRequest.Get("/v0/appAAAAAAAAAAAAAA/Tasks"));
        cache.Put(route, new AirtableResponse(200, "{}", "application/json"), s_start + TimeSpan.FromSeconds(60));

        Assert.True(cache.TryGet(route.CacheKey, s_start + TimeSpan.FromSeconds(30), TimeSpan.Zero, out _, out var staleBeforeExpiry));
        Assert.False(staleBeforeExpiry);
        Assert.True(cache.TryGet(route.CacheKey, s_start + TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(30), out var stale, out var isStale));
        Assert.True(isStale);
        Assert.True(stale.FromCache);
        Assert.False(cache.TryGet(route.CacheKey, s_start + TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(30), out _, out _));
    }

    [Fact]
    public void ATokenHintShowsItsPrefixAndLastFourCharactersOnly()
    {
        Assert.Equal("patAbc…6789", TokenProtector.Hint("patAbc.0123456789abcdef0123456789"));
        Assert.Equal("…", TokenProtector.Hint("short"));
    }

    private static GatewayCache Filled(bool withSchema)
    {
        var cache = new GatewayCache(100);
        if (withSchema)
        {
            Put(cache, "/v0/meta/bases/appAAAAAAAAAAAAAA/tables", s_schema);
        }

        foreach (var path in new[]
        {
            "/v0/appAAAAAAAAAAAAAA/Tasks", "/v0/appAAAAAAAAAAAAAA/tblTasksXXXXXXXXX", "/v0/appAAAAAAAAAAAAAA/Tasks/rec1", "/v0/appAAAAAAAAAAAAAA/Tasks/rec2",
            "/v0/appAAAAAAAAAAAAAA/People", "/v0/appAAAAAAAAAAAAAA/People/rec9", "/v0/appAAAAAAAAAAAAAA/Notes",
        })
        {
            Put(cache, path, """{"records":[]}""");
        }

        return cache;
    }

    private static GatewayRoute Route(string path) => GatewayRoute.Parse(BaseId, AirtableRequest.Get(path));

    private static void Put(GatewayCache cache, string path, string body) =>
        cache.Put(GatewayRoute.Parse(BaseId, AirtableRequest.Get(path)), new AirtableResponse(200, body, "application/json"), s_start + TimeSpan.FromDays(1));

    private static bool Has(GatewayCache cache, string path) =>
        cache.TryGet(GatewayRoute.Parse(BaseId, AirtableRequest.Get(path)).CacheKey, s_start, TimeSpan.Zero, out _, out _);
}
