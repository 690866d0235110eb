using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Storage;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>
/// The SQLite baseline: its own connection in WAL mode with <c>synchronous=FULL</c> (the
/// provider's settings), the provider's insert-then-versioned-update statements, one autocommit
/// transaction (one fsync) per write. SQLite's calls are synchronous, so the task is completed.
/// With <c>transactionShaped</c> each write is wrapped the way the provider's writer wraps it
/// (<c>BEGIN IMMEDIATE</c>, <c>SAVEPOINT</c>, the statement, <c>RELEASE</c>, <c>COMMIT</c>), still
/// on the caller's thread: the difference to the provider is then the hand-off to its writer thread.
/// </summary>
internal sealed class SqliteRawStateWriter : IRawStateWriter
{
    private readonly SqliteConnection _connection;
    private readonly string _grainId;
    private readonly bool _transactionShaped;
    private long? _version;

    private SqliteRawStateWriter(SqliteConnection connection, string grainId, bool transactionShaped)
    {
        _connection = connection;
        _grainId = grainId;
        _transactionShaped = transactionShaped;
    }

    /// <summary>Creates the table (the provider's DDL) and one writer per grain id.</summary>
    public static IRawStateWriter[] Create(string path, IReadOnlyList<string> grainIds, bool transactionShaped = false)
    {
        using (var setup = Open(path))
        {
            Execute(setup, "PRAGMA journal_mode = WAL");
            Execute(setup, """
                CREATE TABLE IF NOT EXISTS grain_state (
                    state_name TEXT NOT NULL,
                    grain_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    data TEXT NOT NULL,
                    modified_at INTEGER NOT NULL,
                    PRIMARY KEY (grain_id, state_name))
                """);
        }

        return [.. grainIds.Select(id => (IRawStateWriter)new SqliteRawStateWriter(Open(path), id, transactionShaped))];
    }

    public Task WriteAsync(int value)
    {
        var json = StateSerializer.Serialize(WriterState.For(value));
        using var command = _connection.CreateCommand();
        command.Parameters.AddWithValue("$grain", _grainId);
        command.Parameters.AddWithValue("$state", StateWriterGrain.StateName);
        command.Parameters.AddWithValue("$data", json);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (_version is { } expected)
        {
            command.CommandText = """
                UPDATE grain_state SET version = version + 1, data = $data, modified_at = $now
                WHERE grain_id = $grain AND state_name = $state AND version = $expected
                """;
            command.Parameters.AddWithValue("$expected", expected);
        }
        else
        {
            command.CommandText = """
                INSERT INTO grain_state (state_name, grain_id, version, data, modified_at) VALUES ($state, $grain, 1, $data, $now)
                ON CONFLICT (grain_id, state_name) DO NOTHING
                """;
        }

        if (_transactionShaped)
        {
            Execute(_connection, "BEGIN IMMEDIATE");
            Execute(_connection, "SAVEPOINT write");
        }

        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"The baseline write of {_grainId} matched no row.");
        }

        if (_transactionShaped)
        {
            Execute(_connection, "RELEASE write");
            Execute(_connection, "COMMIT");
        }

        _version = (_version ?? 0) + 1;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000");
        Execute(connection, "PRAGMA synchronous = FULL");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
