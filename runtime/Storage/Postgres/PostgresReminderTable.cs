using Npgsql;
using PyAirtable.Runtime.Reminders;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>Reminders as rows of <c>reminders</c>; times in unix milliseconds.</summary>
public sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns = "grain_id, name, start_at, period_ms, next_due";

    private readonly PostgresDatabase _database;

    internal PostgresReminderTable(PostgresDatabase database) => _database = database;

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"SELECT {Columns} FROM reminders ORDER BY grain_id COLLATE \"C\", name COLLATE \"C\"");
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"SELECT {Columns} FROM reminders WHERE grain_id = $1 ORDER BY name COLLATE \"C\"");
        command.Parameters.AddWithValue(grainId.ToString());
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _database.CreateCommand($"""
            INSERT INTO reminders ({Columns}) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = EXCLUDED.start_at, period_ms = EXCLUDED.period_ms, next_due = EXCLUDED.next_due
            """);
        command.Parameters.AddWithValue(entry.GrainId.ToString());
        command.Parameters.AddWithValue(entry.Name);
        command.Parameters.AddWithValue(entry.StartAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue(Milliseconds(entry.Period));
        command.Parameters.AddWithValue(entry.NextDue.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("DELETE FROM reminders WHERE grain_id = $1 AND name = $2");
        command.Parameters.AddWithValue(grainId.ToString());
        command.Parameters.AddWithValue(name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task UpdateNextDueAsync(IReadOnlyList<ReminderEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // Matching on the schedule too: a reminder removed or re-registered meanwhile is left as it is.
        await using var command = _database.CreateCommand("""
            UPDATE reminders AS r SET next_due = u.next_due
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[]) AS u(grain_id, name, start_at, period_ms, next_due)
            WHERE r.grain_id = u.grain_id AND r.name = u.name AND r.start_at = u.start_at AND r.period_ms = u.period_ms
            """);
        command.Parameters.AddWithValue(entries.Select(e => e.GrainId.ToString()).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => e.Name).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => e.StartAt.ToUnixTimeMilliseconds()).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => Milliseconds(e.Period)).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => e.NextDue.ToUnixTimeMilliseconds()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static long Milliseconds(TimeSpan period) => period.Ticks / TimeSpan.TicksPerMillisecond;

    private static async Task<IReadOnlyList<ReminderEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                GrainId.Parse(reader.GetString(0)),
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return entries;
    }
}
