using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Storage.Sqlite;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Tests.Storage;

/// <summary>What only the SQLite storage promises: the file outlives the storage, and writes share commits.</summary>
public sealed class SqliteStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pyairtable-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_folder, "runtime.db");

    [Fact]
    public async Task DataSurvivesDisposingAndReopeningTheStorageOnTheSameFile()
    {
        var grain = new GrainId("survivor", "1");
        var stream = StreamId.Create("survivor", "1");
        var reminder = new ReminderEntry(grain, "tick", DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_123), TimeSpan.FromMinutes(5), DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_300_123));
        var subscription = new StreamSubscriptionRecord(Guid.NewGuid(), stream, grain);
        var checkpoint = new SubscriberCheckpoint(stream, grain.ToString(), 2, null);
        var state = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 42 });
        await using (var storage = await OpenAsync())
        {
            await storage.GrainStorage.WriteStateAsync("state", grain, state);
            await storage.Reminders.UpsertRowAsync(reminder, CancellationToken.None);
            await storage.StreamLog.AppendAsync(stream, [new StreamEventData(Guid.NewGuid(), "E", "{}", reminder.StartAt), new StreamEventData(Guid.NewGuid(), "E", "{}", reminder.StartAt)], CancellationToken.None);
            await storage.StreamLog.AddSubscriptionAsync(subscription, CancellationToken.None);
            await storage.StreamLog.SaveCheckpointsAsync([checkpoint], CancellationToken.None);
        }

        await using var reopened = await OpenAsync();

        var read = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
        await reopened.GrainStorage.ReadStateAsync("state", grain, read);
        Assert.Equal(42, read.State.Count);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal([reminder], await reopened.Reminders.ReadAllAsync(CancellationToken.None));
        Assert.Equal([new StreamHead(stream, 2)], await reopened.StreamLog.ReadHeadsAsync(CancellationToken.None));
        Assert.Equal(3, await reopened.StreamLog.AppendAsync(stream, [new StreamEventData(Guid.NewGuid(), "E", "{}", reminder.StartAt)], CancellationToken.None));
        Assert.Equal([subscription], await reopened.StreamLog.ReadSubscriptionsAsync(CancellationToken.None));
        Assert.Equal([checkpoint], await reopened.StreamLog.ReadCheckpointsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RowsSurviveClosingAndReopeningTheFile()
    {
        var owner = new GrainId("survivor", "rows");
        long version;
        await using (var storage = await OpenAsync())
        {
            version = await storage.Rows.WriteAsync("records", owner, new RowBatch(0, [RowChange.Upsert("rec2", """{"n":2}"""), RowChange.Upsert("rec1", """{"n":1}""")]));
            version = await storage.Rows.WriteAsync("records", owner, new RowBatch(version, [RowChange.Upsert("rec3", """{"n":3}"""), RowChange.Delete("rec2")]));
            await storage.Rows.WriteAsync("comments", owner, new RowBatch(0, [RowChange.Upsert("c1", "{}")]));
            await storage.Rows.ClearAsync("comments", owner, 1);
        }

        await using var reopened = await OpenAsync();

        var records = await reopened.Rows.ReadAllAsync("records", owner);
        Assert.Equal(2, records.Version);
        Assert.Equal([new StoredRow("rec1", """{"n":1}"""), new StoredRow("rec3", """{"n":3}""")], records.Rows);
        var comments = await reopened.Rows.ReadAllAsync("comments", owner);
        Assert.Equal(2, comments.Version);
        Assert.Empty(comments.Rows);
        await Assert.ThrowsAsync<InconsistentStateException>(() => reopened.Rows.WriteAsync("records", owner, new RowBatch(1, [RowChange.Delete("rec1")])));
        Assert.Equal(3, await reopened.Rows.WriteAsync("records", owner, new RowBatch(version, [RowChange.Delete("rec1")])));
    }

    [Fact]
    public async Task WritesStillQueuedWhenTheStorageIsDisposedAreCommittedFirst()
    {
        var storage = await OpenAsync();
        var writes = Enumerable.Range(0, 200)
            .Select(i => storage.GrainStorage.WriteStateAsync("state", new GrainId("queued", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = i })))
            .ToArray();

        await storage.DisposeAsync();

        await Task.WhenAll(writes);
        await using var reopened = await OpenAsync();
        for (var i = 0; i < writes.Length; i += 37)
        {
            var read = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
            await reopened.GrainStorage.ReadStateAsync("state", new GrainId("queued", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), read);
            Assert.Equal(i, read.State.Count);
        }
    }

    [Fact]
    public async Task WritingAfterDisposeThrowsObjectDisposed()
    {
        var storage = await OpenAsync();
        await storage.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            storage.GrainStorage.WriteStateAsync("state", new GrainId("late", "1"), new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter())));
    }

    [Fact]
    public async Task ConcurrentWritersShareCommits()
    {
        await using var storage = await OpenAsync();
        var writer = storage.Database.Writer;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(async w =>
        {
            var state = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
            for (var i = 0; i < 10; i++)
            {
                state.State.Count++;
                await storage.GrainStorage.WriteStateAsync("state", new GrainId("shared", w.ToString(System.Globalization.CultureInfo.InvariantCulture)), state);
            }
        }));

        Assert.Equal(320, writer.Writes);
        Assert.True(writer.Commits * 4 <= writer.Writes, $"{writer.Writes} writes took {writer.Commits} commits");
    }

    [Fact]
    public async Task ConcurrentRowBatchesShareCommits()
    {
        await using var storage = await OpenAsync();
        var writer = storage.Database.Writer;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(async w =>
        {
            var owner = new GrainId("shared", w.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var version = 0L;
            for (var i = 0; i < 10; i++)
            {
                version = await storage.Rows.WriteAsync("records", owner, new RowBatch(version, [.. Enumerable.Range(0, 5).Select(k => RowChange.Upsert($"rec{i}-{k}", "{}"))]));
            }
        }));

        Assert.Equal(320, writer.Writes);
        Assert.True(writer.Commits * 4 <= writer.Writes, $"{writer.Writes} writes took {writer.Commits} commits");
    }

    [Fact]
    public async Task ARowBatchThatFailsInsideAGroupCommitLeavesNothingAndFailsOnlyItsCaller()
    {
        await using var storage = await OpenAsync();
        var rows = storage.Rows;
        var stale = new GrainId("batch", "stale");
        await rows.WriteAsync("records", stale, new RowBatch(0, [RowChange.Upsert("kept", "{}")]));
        using var gate = new ManualResetEventSlim();
        var blocker = BlockWriter(storage, gate);

        // Queued behind the blocker, these three run in one transaction: the middle one names an old version.
        var first = rows.WriteAsync("records", new GrainId("batch", "first"), new RowBatch(0, [RowChange.Upsert("a", "{}"), RowChange.Upsert("b", "{}")]));
        var failing = rows.WriteAsync("records", stale, new RowBatch(0, [RowChange.Upsert("new", "{}"), RowChange.Delete("kept")]));
        var last = rows.WriteAsync("records", new GrainId("batch", "last"), new RowBatch(0, [RowChange.Upsert("c", "{}")]));
        var commitsBefore = storage.Database.Writer.Commits;
        gate.Set();

        Assert.True(await blocker);
        Assert.Equal(1, await first);
        Assert.Equal(1, await last);
        await Assert.ThrowsAsync<InconsistentStateException>(() => failing);
        Assert.Equal(commitsBefore + 2, storage.Database.Writer.Commits);
        Assert.Equal(["a", "b"], (await rows.ReadAllAsync("records", new GrainId("batch", "first"))).Rows.Select(r => r.Key));
        Assert.Equal(["c"], (await rows.ReadAllAsync("records", new GrainId("batch", "last"))).Rows.Select(r => r.Key));
        var untouched = await rows.ReadAllAsync("records", stale);
        Assert.Equal(1, untouched.Version);
        Assert.Equal(["kept"], untouched.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task AWriteThatFailsInsideABatchFailsOnlyItsOwnCaller()
    {
        await using var storage = await OpenAsync();
        var grains = storage.GrainStorage;
        using var gate = new ManualResetEventSlim();
        var blocker = BlockWriter(storage, gate);

        // Queued behind the blocker, these three run in one batch: the middle one has a stale ETag.
        var first = grains.WriteStateAsync("state", new GrainId("batch", "first"), new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 1 }));
        var stale = grains.WriteStateAsync("state", new GrainId("batch", "stale"), new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 2 }) { ETag = "3" });
        var last = grains.WriteStateAsync("state", new GrainId("batch", "last"), new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 3 }));
        var commitsBefore = storage.Database.Writer.Commits;
        gate.Set();

        Assert.True(await blocker);
        await first;
        await last;
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        Assert.Equal(commitsBefore + 2, storage.Database.Writer.Commits);
        Assert.Equal(1, (await ReadCounterAsync(storage, "first")).State.Count);
        Assert.Equal(3, (await ReadCounterAsync(storage, "last")).State.Count);
        Assert.False((await ReadCounterAsync(storage, "stale")).RecordExists);
    }

    [Fact]
    public async Task AWriteCancelledWhileQueuedIsNotApplied()
    {
        await using var storage = await OpenAsync();
        using var gate = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var blocker = BlockWriter(storage, gate);
        var cancelled = storage.GrainStorage.WriteStateAsync("state", new GrainId("batch", "cancelled"), new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 1 }), cancel.Token);

        await cancel.CancelAsync();
        gate.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await blocker;
        Assert.False((await ReadCounterAsync(storage, "cancelled")).RecordExists);
    }

    [Fact]
    public async Task TwoStoragesInitializingOneFileAtOnceMigrateItOnce()
    {
        var first = new SqliteRuntimeStorage(DatabasePath);
        var second = new SqliteRuntimeStorage(DatabasePath);
        await using (first)
        await using (second)
        {
            await Task.WhenAll(first.InitializeAsync(CancellationToken.None), second.InitializeAsync(CancellationToken.None));
            await first.InitializeAsync(CancellationToken.None);

            var state = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 7 });
            await second.GrainStorage.WriteStateAsync("state", new GrainId("both", "1"), state);
            var read = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
            await first.GrainStorage.ReadStateAsync("state", new GrainId("both", "1"), read);
            Assert.Equal(7, read.State.Count);
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        Assert.Equal((long)SqliteMigrations.LatestVersion, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AFileLeftByTheFirstSchemaKeepsItsDataAndGainsTombstonesAndUniqueEventIds()
    {
        var repeated = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var old = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            // The tables step 1 made that step 2 changes, with a duplicate appended before event ids were unique.
            command.CommandText = $$"""
                CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (1, 0);
                CREATE TABLE grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, modified_at INTEGER NOT NULL, PRIMARY KEY (grain_id, state_name));
                INSERT INTO grain_state VALUES ('state', 'old/1', 3, '{"Count":7}', 0);
                CREATE TABLE stream_heads (ns TEXT NOT NULL, key TEXT NOT NULL, last_seq INTEGER NOT NULL, PRIMARY KEY (ns, key));
                INSERT INTO stream_heads VALUES ('old', '1', 3);
                CREATE TABLE stream_events (ns TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL, payload_type TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (ns, key, seq));
                INSERT INTO stream_events VALUES ('old', '1', 1, '{{repeated}}', 'E', '1', 0), ('old', '1', 2, '{{other}}', 'E', '2', 0), ('old', '1', 3, '{{repeated}}', 'E', '3', 0);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var storage = await OpenAsync();

        var grain = new GrainId("old", "1");
        var state = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
        await storage.GrainStorage.ReadStateAsync("state", grain, state);
        Assert.Equal(7, state.State.Count);
        Assert.Equal("3", state.ETag);
        await storage.GrainStorage.ClearStateAsync("state", grain, state);
        Assert.Equal("4", state.ETag);

        var stream = StreamId.Create("old", "1");
        var events = await storage.StreamLog.ReadAsync(stream, 0, 10, CancellationToken.None);
        Assert.Equal(["1", "2", "3"], events.Select(e => e.Payload));
        Assert.Equal([repeated, other], events.Take(2).Select(e => e.EventId));
        Assert.DoesNotContain(events[2].EventId, new[] { repeated, other });
        Assert.Equal(3, await storage.StreamLog.AppendAsync(stream, [new StreamEventData(repeated, "E", "4", DateTimeOffset.UnixEpoch)], CancellationToken.None));
    }

    [Fact]
    public async Task InitializingOnAFileThatIsNotADatabaseSaysSoAndNamesTheFile()
    {
        await File.WriteAllTextAsync(DatabasePath, string.Concat(Enumerable.Repeat("this is a text file, not a database. ", 50)));
        await using var storage = new SqliteRuntimeStorage(DatabasePath);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.False(await storage.IsReachableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnInitializedStorageIsReachable()
    {
        await using var storage = await OpenAsync();

        Assert.True(await storage.IsReachableAsync(CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<SqliteRuntimeStorage> OpenAsync()
    {
        var storage = new SqliteRuntimeStorage(DatabasePath);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>Occupies the writer with a write that waits for <paramref name="gate"/>; returns once the writer is inside it.</summary>
    private static Task<bool> BlockWriter(SqliteRuntimeStorage storage, ManualResetEventSlim gate)
    {
        using var started = new ManualResetEventSlim();
        var blocker = storage.Database.WriteAsync(
            _ =>
            {
                started.Set();
                return gate.Wait(TimeSpan.FromSeconds(30));
            },
            CancellationToken.None);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "The writer did not take the blocking write.");
        return blocker;
    }

    private static async Task<GrainState<RuntimeStorageContract.Counter>> ReadCounterAsync(SqliteRuntimeStorage storage, string key)
    {
        var state = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
        await storage.GrainStorage.ReadStateAsync("state", new GrainId("batch", key), state);
        return state;
    }
}
