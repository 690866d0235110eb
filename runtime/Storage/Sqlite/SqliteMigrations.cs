using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// The schema, as numbered steps recorded in <c>schema_migrations</c>. Steps run inside
/// <c>BEGIN IMMEDIATE</c>, which takes the write lock first: a second silo starting on the same
/// file waits, then finds the steps applied. Every step is also idempotent on its own.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly (int Version, string Sql)[] s_steps =
    [
        (1, """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                data TEXT NOT NULL,
                modified_at INTEGER NOT NULL,
                PRIMARY KEY (grain_id, state_name));
            CREATE TABLE IF NOT EXISTS reminders (
                grain_id TEXT NOT NULL,
                name TEXT NOT NULL,
                start_at INTEGER NOT NULL,
                period_ms INTEGER NOT NULL,
                next_due INTEGER NOT NULL,
                PRIMARY KEY (grain_id, name));
            CREATE TABLE IF NOT EXISTS stream_heads (
                ns TEXT NOT NULL,
                key TEXT NOT NULL,
                last_seq INTEGER NOT NULL,
                PRIMARY KEY (ns, key));
            CREATE TABLE IF NOT EXISTS stream_events (
                ns TEXT NOT NULL,
                key TEXT NOT NULL,
                seq INTEGER NOT NULL,
                event_id TEXT NOT NULL,
                payload_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (ns, key, seq));
            CREATE TABLE IF NOT EXISTS stream_subscriptions (
                id TEXT NOT NULL PRIMARY KEY,
                ns TEXT NOT NULL,
                key TEXT NOT NULL,
                grain_id TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS stream_checkpoints (
                ns TEXT NOT NULL,
                key TEXT NOT NULL,
                subscriber TEXT NOT NULL,
                seq INTEGER NOT NULL,
                parked_error TEXT NULL,
                PRIMARY KEY (ns, key, subscriber));
            """),

        // A cleared state keeps its row with no data (a tombstone) so its version never restarts,
        // which needs data nullable: SQLite cannot drop NOT NULL, so the table is rebuilt. An event
        // id is unique per stream so that a retried append is a no-op; a copy that predates the
        // index gets an id of its own, keeping every sequence number and checkpoint valid.
        (2, """
            CREATE TABLE grain_state_v2 (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                data TEXT NULL,
                modified_at INTEGER NOT NULL,
                PRIMARY KEY (grain_id, state_name));
            INSERT INTO grain_state_v2 (state_name, grain_id, version, data, modified_at)
                SELECT state_name, grain_id, version, data, modified_at FROM grain_state;
            DROP TABLE grain_state;
            ALTER TABLE grain_state_v2 RENAME TO grain_state;
            UPDATE stream_events SET event_id = lower(hex(randomblob(16)))
            WHERE rowid IN (
                SELECT rowid FROM (SELECT rowid, row_number() OVER (PARTITION BY ns, key, event_id ORDER BY seq) AS copy FROM stream_events)
                WHERE copy > 1);
            CREATE UNIQUE INDEX IF NOT EXISTS stream_events_event_id ON stream_events (ns, key, event_id);
            """),

        // A grain's many rows, each its own row, and one version per collection that every batch
        // must name. WITHOUT ROWID keeps each row in its key's place in the B-tree, so reading a
        // collection in key order is one range scan rather than an index walk and a lookup per row.
        (3, """
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
            """),
    ];

    public static int LatestVersion => s_steps[^1].Version;

    /// <summary>Applies the missing steps on <paramref name="connection"/>, which must not be in a transaction.</summary>
    public static void Apply(SqliteConnection connection, string path)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)");
            var applied = new HashSet<long>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT version FROM schema_migrations";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetInt64(0));
                }
            }

            if (applied.Count > 0 && applied.Max() > LatestVersion)
            {
                throw new StorageUnavailableException(
                    $"The SQLite database at {path} has schema version {applied.Max()}, newer than this silo understands ({LatestVersion}). " +
                    "Run a newer PyAirtable silo on it, or point PYAIRTABLE__Storage__DataDirectory and PYAIRTABLE__Storage__SqliteFile at another file.");
            }

            foreach (var (version, sql) in s_steps)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                Execute(connection, sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $appliedAt)";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT");
        }
        catch (Exception)
        {
            if (raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                Execute(connection, "ROLLBACK");
            }

            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
