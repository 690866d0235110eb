using System.Globalization;
using Microsoft.Data.Sqlite;
using PyAirtable.Benchmarks.Storage;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// The batch-create baseline on SQLite: the product's two row tables (same DDL), WAL with
/// <c>synchronous=FULL</c> as the provider sets them, and per write one transaction that moves the
/// owner's version (read, check, update, as the row storage does) and inserts ten rows of a stored
/// record's JSON. Each writer has its own connection and owner, so nothing but SQLite's write lock
/// and fsync stands between them. SQLite's calls are synchronous, so the task is completed.
/// </summary>
internal sealed class SqliteRawRecordWriter : IRawStateWriter
{
    private readonly SqliteConnection _connection;
    private readonly string _owner;
    private readonly string _data;
    private long _version;

    private SqliteRawRecordWriter(SqliteConnection connection, string owner, string data)
    {
        _connection = connection;
        _owner = owner;
        _data = data;
    }

    public static IRawStateWriter[] Create(string path, int writers, string data)
    {
        using (var setup = Open(path))
        {
            Execute(setup, "PRAGMA journal_mode = WAL");
            Execute(setup, """
                CREATE TABLE IF NOT EXISTS grain_row_heads (
                    owner TEXT NOT NULL,
                    collection TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (owner, collection)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS grain_rows (
                    owner TEXT NOT NULL,
                    collection TEXT NOT NULL,
                    row_key TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (owner, collection, row_key)) WITHOUT ROWID;
                """);
        }

        return [.. Enumerable.Range(0, writers).Select(i => (IRawStateWriter)new SqliteRawRecordWriter(Open(path), "localbase/appRaw" + i.ToString(CultureInfo.InvariantCulture), data))];
    }

    public Task WriteAsync(int value)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var version = _connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "SELECT version FROM grain_row_heads WHERE owner = $owner AND collection = 'records'";
            version.Parameters.AddWithValue("$owner", _owner);
            var stored = version.ExecuteScalar() is long v ? v : 0;
            if (stored != _version)
            {
                throw new InvalidOperationException($"Baseline version {stored}, expected {_version}.");
            }

            version.CommandText = """
                INSERT INTO grain_row_heads (owner, collection, version) VALUES ($owner, 'records', $version)
                ON CONFLICT (owner, collection) DO UPDATE SET version = excluded.version
                """;
            version.Parameters.AddWithValue("$version", _version + 1);
            version.ExecuteNonQuery();
        }

        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO grain_rows (owner, collection, row_key, data) VALUES ($owner, 'records', $key, $data)";
        insert.Parameters.AddWithValue("$owner", _owner);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        insert.Parameters.AddWithValue("$data", _data);
        for (var i = 0; i < 10; i++)
        {
            key.Value = RawRecordKeys.Next();
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        _version++;
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
