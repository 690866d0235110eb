using Npgsql;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>
/// The schema, as numbered steps recorded in <c>schema_migrations</c>. They run in one
/// transaction holding an advisory lock, so silos starting at once migrate one after the other
/// and the later ones find nothing left to do. Every step is also idempotent on its own.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>The advisory lock key of PyAirtable's migrations (any fixed number, unlikely to collide).</summary>
    private const long LockKey = 0x5079_4169_7254_6162;

    private static readonly (int Version, string Sql)[] s_steps =
    [
        (1, """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name text NOT NULL,
                grain_id text NOT NULL,
                version bigint NOT NULL,
                data text NOT NULL,
                modified_at bigint NOT NULL,
                PRIMARY KEY (grain_id, state_name));
            CREATE TABLE IF NOT EXISTS reminders (
                grain_id text NOT NULL,
                name text NOT NULL,
                start_at bigint NOT NULL,
                period_ms bigint NOT NULL,
                next_due bigint NOT NULL,
                PRIMARY KEY (grain_id, name));
            CREATE TABLE IF NOT EXISTS stream_heads (
                ns text NOT NULL,
                key text NOT NULL,
                last_seq bigint NOT NULL,
                PRIMARY KEY (ns, key));
            CREATE TABLE IF NOT EXISTS stream_events (
                ns text NOT NULL,
                key text NOT NULL,
                seq bigint NOT NULL,
                event_id uuid NOT NULL,
                payload_type text NOT NULL,
                payload text NOT NULL,
                created_at bigint NOT NULL,
                PRIMARY KEY (ns, key, seq));
            CREATE TABLE IF NOT EXISTS stream_subscriptions (
                id uuid NOT NULL PRIMARY KEY,
                ns text NOT NULL,
                key text NOT NULL,
                grain_id text NOT NULL);
            CREATE TABLE IF NOT EXISTS stream_checkpoints (
                ns text NOT NULL,
                key text NOT NULL,
                subscriber text NOT NULL,
                seq bigint NOT NULL,
                parked_error text NULL,
                PRIMARY KEY (ns, key, subscriber));
            """),

        // A cleared state keeps its row with no data (a tombstone) so its version never restarts.
        // An event id is unique per stream so that a retried append is a no-op; a copy that
        // predates the index gets an id of its own, keeping every sequence number and checkpoint valid.
        (2, """
            ALTER TABLE grain_state ALTER COLUMN data DROP NOT NULL;
            UPDATE stream_events AS e SET event_id = gen_random_uuid()
            FROM (SELECT ns, key, seq, row_number() OVER (PARTITION BY ns, key, event_id ORDER BY seq) AS copy FROM stream_events) AS d
            WHERE d.copy > 1 AND e.ns = d.ns AND e.key = d.key AND e.seq = d.seq;
            CREATE UNIQUE INDEX IF NOT EXISTS stream_events_event_id ON stream_events (ns, key, event_id);
            """),

        // A grain's many rows, each its own row, and one version per collection that every batch
        // must name. Row keys use the "C" collation so that the primary key's index is already in
        // the byte order a collection is read in, whatever the database's default collation.
        (3, """
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
            """),
    ];

    public static int LatestVersion => s_steps[^1].Version;

    public static async Task ApplyAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)", cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw new StorageUnavailableException(
                $"The PostgreSQL database '{database.Database}' at {database.Endpoint} has schema version {applied.Max()}, newer than this silo understands ({LatestVersion}). " +
                "Run a newer PyAirtable silo on it, or point ConnectionStrings__Postgres at another database.");
        }

        foreach (var (version, sql) in s_steps)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", connection);
            record.Parameters.AddWithValue(version);
            record.Parameters.AddWithValue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
