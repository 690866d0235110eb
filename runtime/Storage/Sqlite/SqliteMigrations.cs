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
