using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Storage.Rows;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// Rows in <c>grain_rows</c>, one per key, with each collection's version in
/// <c>grain_row_heads</c>. Batches run on the single writer: nothing can come between a batch's
/// version check and its changes, batches share the writer's group commit, and a mismatch or a
/// failure halfway rolls back to the batch's savepoint, so nothing of it is stored. Reads take one
/// snapshot on a pooled reader connection.
/// </summary>
public sealed class SqliteGrainRowStorage : IGrainRowStorage, IDisposable
{
    private const string VersionSql = "SELECT version FROM grain_row_heads WHERE owner = $owner AND collection = $collection";

    private readonly SqliteDatabase _database;
    private RowCommands? _commands;

    internal SqliteGrainRowStorage(SqliteDatabase database) => _database = database;

    public async Task<RowSet> ReadAllAsync(string collection, GrainId owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);

        // A read transaction, so that the version and the rows come from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = VersionSql;
        command.Parameters.AddWithValue("$owner", owner.ToString());
        command.Parameters.AddWithValue("$collection", collection);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long version)
        {
            return new RowSet(0, []);
        }

        command.CommandText = "SELECT row_key, data FROM grain_rows WHERE owner = $owner AND collection = $collection ORDER BY row_key";
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1)));
        }

        return new RowSet(version, RowRules.InOrdinalOrder(rows));
    }

    public Task<long> WriteAsync(string collection, GrainId owner, RowBatch batch, CancellationToken cancellationToken = default)
    {
        RowRules.Validate(collection, batch);

        // In key order each change lands next to the previous one in the B-tree: random keys (as
        // record ids are) took twice the time unsorted. Sorted here, off the writer's thread.
        var changes = batch.Changes.Count > 1 ? [.. batch.Changes.OrderBy(c => c.Key, StringComparer.Ordinal)] : batch.Changes;
        return _database.WriteAsync(connection => Commands(connection).Write(collection, owner, batch.ExpectedVersion, changes), cancellationToken);
    }

    public Task<long> ClearAsync(string collection, GrainId owner, long expectedVersion, CancellationToken cancellationToken = default)
    {
        RowRules.ValidateVersion(collection, expectedVersion);
        return _database.WriteAsync(connection => Commands(connection).Clear(collection, owner, expectedVersion), cancellationToken);
    }

    /// <summary>Releases the prepared statements; called once the writer has stopped.</summary>
    public void Dispose() => _commands?.Dispose();

    private RowCommands Commands(SqliteConnection connection)
    {
        // Only the writer thread writes, so one set of prepared statements serves every batch.
        if (_commands?.Connection != connection)
        {
            _commands?.Dispose();
            _commands = new RowCommands(connection);
        }

        return _commands;
    }

    /// <summary>
    /// The statements of a batch, prepared once on the writer connection: a batch runs one per
    /// row, and preparing them each time would cost more than running them.
    /// </summary>
    private sealed class RowCommands : IDisposable
    {
        private readonly SqliteCommand _version;
        private readonly SqliteCommand _setVersion;
        private readonly SqliteCommand _upsert;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _clear;

        public RowCommands(SqliteConnection connection)
        {
            Connection = connection;
            _version = Prepare(connection, VersionSql);
            _setVersion = Prepare(connection, """
                INSERT INTO grain_row_heads (owner, collection, version) VALUES ($owner, $collection, $version)
                ON CONFLICT (owner, collection) DO UPDATE SET version = excluded.version
                """, "$version");
            _upsert = Prepare(connection, """
                INSERT INTO grain_rows (owner, collection, row_key, data) VALUES ($owner, $collection, $key, $data)
                ON CONFLICT (owner, collection, row_key) DO UPDATE SET data = excluded.data
                """, "$key", "$data");
            _delete = Prepare(connection, "DELETE FROM grain_rows WHERE owner = $owner AND collection = $collection AND row_key = $key", "$key");
            _clear = Prepare(connection, "DELETE FROM grain_rows WHERE owner = $owner AND collection = $collection");
        }

        public SqliteConnection Connection { get; }

        public long Write(string collection, GrainId owner, long expectedVersion, IReadOnlyList<RowChange> changes)
        {
            var ownerText = owner.ToString();
            var version = Advance("writing", collection, owner, ownerText, expectedVersion);
            Bind(_upsert, ownerText, collection);
            Bind(_delete, ownerText, collection);
            var key = _upsert.Parameters["$key"];
            var data = _upsert.Parameters["$data"];
            var deletedKey = _delete.Parameters["$key"];
            foreach (var change in changes)
            {
                if (change.Data is null)
                {
                    deletedKey.Value = change.Key;
                    _delete.ExecuteNonQuery();
                }
                else
                {
                    key.Value = change.Key;
                    data.Value = change.Data;
                    _upsert.ExecuteNonQuery();
                }
            }

            return version;
        }

        public long Clear(string collection, GrainId owner, long expectedVersion)
        {
            var ownerText = owner.ToString();
            var version = Advance("clearing", collection, owner, ownerText, expectedVersion);
            Bind(_clear, ownerText, collection);
            _clear.ExecuteNonQuery();
            return version;
        }

        public void Dispose()
        {
            _version.Dispose();
            _setVersion.Dispose();
            _upsert.Dispose();
            _delete.Dispose();
            _clear.Dispose();
        }

        /// <summary>Moves the collection's version from <paramref name="expected"/> to the next, or throws before anything is written.</summary>
        private long Advance(string action, string collection, GrainId owner, string ownerText, long expected)
        {
            Bind(_version, ownerText, collection);
            var stored = _version.ExecuteScalar() is long version ? version : 0;
            if (stored != expected)
            {
                throw RowRules.Mismatch(action, collection, owner, stored, expected);
            }

            Bind(_setVersion, ownerText, collection);
            _setVersion.Parameters["$version"].Value = expected + 1;
            _setVersion.ExecuteNonQuery();
            return expected + 1;
        }

        private static void Bind(SqliteCommand command, string owner, string collection)
        {
            command.Parameters["$owner"].Value = owner;
            command.Parameters["$collection"].Value = collection;
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$owner", SqliteType.Text);
            command.Parameters.Add("$collection", SqliteType.Text);
            foreach (var name in parameters)
            {
                command.Parameters.Add(name, name == "$version" ? SqliteType.Integer : SqliteType.Text);
            }

            command.Prepare();
            return command;
        }
    }
}
