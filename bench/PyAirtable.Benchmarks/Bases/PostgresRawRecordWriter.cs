using System.Globalization;
using Npgsql;
using PyAirtable.Benchmarks.Storage;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// The batch-create baseline on PostgreSQL: the product's two row tables (same DDL), and per write
/// one transaction on a pooled connection that moves the owner's version with a conditional update
/// and inserts ten rows of a stored record's JSON, sent as one round trip (a batch of statements).
/// Each writer has its own owner. Server defaults: <c>fsync=on</c>, <c>synchronous_commit=on</c>.
/// </summary>
internal sealed class PostgresRawRecordWriter : IRawStateWriter
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _owner;
    private readonly string _data;
    private long _version;

    private PostgresRawRecordWriter(NpgsqlDataSource dataSource, string owner, string data)
    {
        _dataSource = dataSource;
        _owner = owner;
        _data = data;
    }

    public static async Task<IRawStateWriter[]> CreateAsync(NpgsqlDataSource dataSource, int writers, string data)
    {
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS grain_row_heads (
                owner text NOT NULL,
                collection text NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (owner, collection));
            CREATE TABLE IF NOT EXISTS grain_rows (
                owner text NOT NULL,
                collection text NOT NULL,
                row_key text COLLATE "C" NOT NULL,
                data text NOT NULL,
                PRIMARY KEY (owner, collection, row_key));
            """))
        {
            await setup.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return [.. Enumerable.Range(0, writers).Select(i => (IRawStateWriter)new PostgresRawRecordWriter(dataSource, "localbase/appRaw" + i.ToString(CultureInfo.InvariantCulture), data))];
    }

    public async Task WriteAsync(int value)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var advance = new NpgsqlBatchCommand(_version == 0
            ? "INSERT INTO grain_row_heads (owner, collection, version) VALUES ($1, 'records', 1) ON CONFLICT (owner, collection) DO NOTHING"
            : "UPDATE grain_row_heads SET version = version + 1 WHERE owner = $1 AND collection = 'records' AND version = $2");
        advance.Parameters.AddWithValue(_owner);
        if (_version != 0)
        {
            advance.Parameters.AddWithValue(_version);
        }

        batch.BatchCommands.Add(advance);
        for (var i = 0; i < 10; i++)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO grain_rows (owner, collection, row_key, data) VALUES ($1, 'records', $2, $3)");
            insert.Parameters.AddWithValue(_owner);
            insert.Parameters.AddWithValue(RawRecordKeys.Next());
            insert.Parameters.AddWithValue(_data);
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        if (advance.RecordsAffected != 1)
        {
            throw new InvalidOperationException($"The baseline's version of {_owner} was not {_version}.");
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        _version++;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
