using System.Data;
using Npgsql;
using PyAirtable.Runtime.Storage.Rows;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>
/// Rows in <c>grain_rows</c>, one per key, with each collection's version in
/// <c>grain_row_heads</c>. A batch is one transaction: first the conditional move of the version
/// (an update from the expected version, or an insert that does nothing when the collection
/// exists), which locks the head row so a racing writer waits and then finds the version moved;
/// then every delete and every upsert as one statement each over arrays, whatever the batch's size.
/// </summary>
public sealed class PostgresGrainRowStorage : IGrainRowStorage
{
    private const string VersionSql = "SELECT version FROM grain_row_heads WHERE owner = $1 AND collection = $2";

    private readonly PostgresDatabase _database;

    internal PostgresGrainRowStorage(PostgresDatabase database) => _database = database;

    public async Task<RowSet> ReadAllAsync(string collection, GrainId owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Repeatable read gives both statements one snapshot: the version belongs to the rows read.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(VersionSql, owner.ToString(), collection));
        batch.BatchCommands.Add(Command("SELECT row_key, data FROM grain_rows WHERE owner = $1 AND collection = $2 ORDER BY row_key", owner.ToString(), collection));
        long version;
        var rows = new List<StoredRow>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            version = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RowSet(version, RowRules.InOrdinalOrder(rows));
    }

    public async Task<long> WriteAsync(string collection, GrainId owner, RowBatch batch, CancellationToken cancellationToken = default)
    {
        RowRules.Validate(collection, batch);
        var ownerText = owner.ToString();
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvanceAsync("writing", connection, transaction, collection, owner, batch.ExpectedVersion, cancellationToken).ConfigureAwait(false);

        var deleted = new List<string>();
        var upsertedKeys = new List<string>(batch.Changes.Count);
        var upsertedData = new List<string>(batch.Changes.Count);
        foreach (var change in batch.Changes)
        {
            if (change.Data is null)
            {
                deleted.Add(change.Key);
            }
            else
            {
                upsertedKeys.Add(change.Key);
                upsertedData.Add(change.Data);
            }
        }

        // Deletes and upserts touch different keys (a key appears once per batch), so their order does not matter.
        await using var changes = new NpgsqlBatch(connection, transaction);
        if (deleted.Count > 0)
        {
            var delete = Command("DELETE FROM grain_rows WHERE owner = $1 AND collection = $2 AND row_key = ANY($3)", ownerText, collection);
            delete.Parameters.AddWithValue(deleted.ToArray());
            changes.BatchCommands.Add(delete);
        }

        if (upsertedKeys.Count > 0)
        {
            var upsert = Command("""
                INSERT INTO grain_rows (owner, collection, row_key, data)
                SELECT $1, $2, u.row_key, u.data FROM unnest($3::text[], $4::text[]) AS u(row_key, data)
                ON CONFLICT (owner, collection, row_key) DO UPDATE SET data = excluded.data
                """, ownerText, collection);
            upsert.Parameters.AddWithValue(upsertedKeys.ToArray());
            upsert.Parameters.AddWithValue(upsertedData.ToArray());
            changes.BatchCommands.Add(upsert);
        }

        if (changes.BatchCommands.Count > 0)
        {
            await changes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch.ExpectedVersion + 1;
    }

    public async Task<long> ClearAsync(string collection, GrainId owner, long expectedVersion, CancellationToken cancellationToken = default)
    {
        RowRules.ValidateVersion(collection, expectedVersion);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvanceAsync("clearing", connection, transaction, collection, owner, expectedVersion, cancellationToken).ConfigureAwait(false);
        await using var clear = new NpgsqlCommand("DELETE FROM grain_rows WHERE owner = $1 AND collection = $2", connection, transaction);
        clear.Parameters.AddWithValue(owner.ToString());
        clear.Parameters.AddWithValue(collection);
        await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return expectedVersion + 1;
    }

    /// <summary>
    /// Moves the collection's version from <paramref name="expected"/> to the next inside
    /// <paramref name="transaction"/>, or rolls it back and throws before any row is touched.
    /// </summary>
    private static async Task AdvanceAsync(
        string action, NpgsqlConnection connection, NpgsqlTransaction transaction, string collection, GrainId owner, long expected, CancellationToken cancellationToken)
    {
        await using var advance = new NpgsqlCommand(
            expected == 0
                ? "INSERT INTO grain_row_heads (owner, collection, version) VALUES ($1, $2, 1) ON CONFLICT (owner, collection) DO NOTHING"
                : "UPDATE grain_row_heads SET version = version + 1 WHERE owner = $1 AND collection = $2 AND version = $3",
            connection,
            transaction);
        advance.Parameters.AddWithValue(owner.ToString());
        advance.Parameters.AddWithValue(collection);
        if (expected != 0)
        {
            advance.Parameters.AddWithValue(expected);
        }

        if (await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return;
        }

        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand(VersionSql, connection);
        read.Parameters.AddWithValue(owner.ToString());
        read.Parameters.AddWithValue(collection);
        var stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
        throw RowRules.Mismatch(action, collection, owner, stored, expected);
    }

    private static NpgsqlBatchCommand Command(string sql, string owner, string collection)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(owner);
        command.Parameters.AddWithValue(collection);
        return command;
    }
}
