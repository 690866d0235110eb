using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Reminders;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>Reminders as rows of <c>reminders</c>; times in unix milliseconds.</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, name, start_at, period_ms, next_due";

    private readonly SqliteDatabase _database;

    internal SqliteReminderTable(SqliteDatabase database) => _database = database;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM reminders ORDER BY grain_id, name", null, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM reminders WHERE grain_id = $grain ORDER BY name", grainId, cancellationToken);

    public Task UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    INSERT INTO reminders ({Columns}) VALUES ($grain, $name, $startAt, $period, $nextDue)
                    ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms, next_due = excluded.next_due
                    """;
                Bind(command, entry);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string name, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM reminders WHERE grain_id = $grain AND name = $name";
                command.Parameters.AddWithValue("$grain", grainId.ToString());
                command.Parameters.AddWithValue("$name", name);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public Task UpdateNextDueAsync(IReadOnlyList<ReminderEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Matching on the schedule too: a reminder removed or re-registered meanwhile is left as it is.
        return _database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    UPDATE reminders SET next_due = $nextDue
                    WHERE grain_id = $grain AND name = $name AND start_at = $startAt AND period_ms = $period
                    """;
                var updated = 0;
                foreach (var entry in entries)
                {
                    command.Parameters.Clear();
                    Bind(command, entry);
                    updated += command.ExecuteNonQuery();
                }

                return updated;
            },
            cancellationToken);
    }

    private static void Bind(SqliteCommand command, ReminderEntry entry)
    {
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.Name);
        command.Parameters.AddWithValue("$startAt", entry.StartAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$period", entry.Period.Ticks / TimeSpan.TicksPerMillisecond);
        command.Parameters.AddWithValue("$nextDue", entry.NextDue.ToUnixTimeMilliseconds());
    }

    private async Task<IReadOnlyList<ReminderEntry>> ReadAsync(string sql, GrainId? grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (grainId is { } id)
        {
            command.Parameters.AddWithValue("$grain", id.ToString());
        }

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
