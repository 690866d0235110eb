using System.Net;
using System.Net.Sockets;
using Npgsql;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Postgres;
using PyAirtable.Runtime.Streams;
using PyAirtable.Testing;

namespace PyAirtable.Runtime.Tests.Storage;

/// <summary>What only the PostgreSQL storage promises: plain-words errors when the database cannot be used, and safe concurrent migrations.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests
{
    [Fact]
    public async Task InitializingAgainstAClosedPortThrowsAPlainMessageNamingTheHostWithoutThePassword()
    {
        var port = ClosedPort();
        await using var storage = new PostgresRuntimeStorage($"Host=127.0.0.1;Port={port};Username=postgres;Password=hunter2;Timeout=3");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Postgres", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(await storage.IsReachableAsync(CancellationToken.None));
        Assert.DoesNotContain("hunter2", storage.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializingAgainstAMissingDatabaseSaysWhichDatabaseToCreate()
    {
        var existing = await PostgresServer.Shared.CreateDatabaseAsync("exists");
        var missing = new NpgsqlConnectionStringBuilder(existing) { Database = "nowhere_" + Guid.NewGuid().ToString("N") };
        await using var storage = new PostgresRuntimeStorage(missing.ConnectionString);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains($"'{missing.Database}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionStringThatDoesNotParseIsReportedByInitializeWithoutThePassword()
    {
        await using var storage = new PostgresRuntimeStorage("Host=db;Password=hunter2;Colour=blue");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("connection string is not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.False(await storage.IsReachableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunningMigrationsTwiceAndFromSeveralStoragesAtOnceIsHarmless()
    {
        var connectionString = await PostgresServer.Shared.CreateDatabaseAsync("migrations");
        var storages = Enumerable.Range(0, 4).Select(_ => new PostgresRuntimeStorage(connectionString)).ToArray();
        try
        {
            await Task.WhenAll(storages.Select(s => s.InitializeAsync(CancellationToken.None)));
            await storages[0].InitializeAsync(CancellationToken.None);

            var state = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter { Count = 7 });
            await storages[1].GrainStorage.WriteStateAsync("state", new GrainId("migrated", "1"), state);
            var read = new GrainState<RuntimeStorageContract.Counter>(new RuntimeStorageContract.Counter());
            await storages[2].GrainStorage.ReadStateAsync("state", new GrainId("migrated", "1"), read);
            Assert.Equal(7, read.State.Count);
            Assert.True(await storages[3].IsReachableAsync(CancellationToken.None));
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*), max(version) FROM schema_migrations");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(PostgresMigrations.LatestVersion, reader.GetInt64(0));
        Assert.Equal(PostgresMigrations.LatestVersion, reader.GetInt32(1));
    }

    [Fact]
    public async Task ADatabaseLeftByTheFirstSchemaKeepsItsDataAndGainsTombstonesAndUniqueEventIds()
    {
        var connectionString = await PostgresServer.Shared.CreateDatabaseAsync("upgrade");
        var repeated = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            // The tables step 1 made that step 2 changes, with a duplicate appended before event ids were unique.
            await using var command = dataSource.CreateCommand($$"""
                CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL);
                INSERT INTO schema_migrations VALUES (1, 0);
                CREATE TABLE grain_state (state_name text NOT NULL, grain_id text NOT NULL, version bigint NOT NULL, data text NOT NULL, modified_at bigint NOT NULL, PRIMARY KEY (grain_id, state_name));
                INSERT INTO grain_state VALUES ('state', 'old/1', 3, '{"Count":7}', 0);
                CREATE TABLE stream_heads (ns text NOT NULL, key text NOT NULL, last_seq bigint NOT NULL, PRIMARY KEY (ns, key));
                INSERT INTO stream_heads VALUES ('old', '1', 3);
                CREATE TABLE stream_events (ns text NOT NULL, key text NOT NULL, seq bigint NOT NULL, event_id uuid NOT NULL, payload_type text NOT NULL, payload text NOT NULL, created_at bigint NOT NULL, PRIMARY KEY (ns, key, seq));
                INSERT INTO stream_events VALUES ('old', '1', 1, '{{repeated}}', 'E', '1', 0), ('old', '1', 2, '{{other}}', 'E', '2', 0), ('old', '1', 3, '{{repeated}}', 'E', '3', 0);
                """);
            await command.ExecuteNonQueryAsync();
        }

        await using var storage = new PostgresRuntimeStorage(connectionString);
        await storage.InitializeAsync(CancellationToken.None);

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

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
