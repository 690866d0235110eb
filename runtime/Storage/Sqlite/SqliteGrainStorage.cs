using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// Grain state as JSON rows of <c>grain_state</c>; the ETag is the row's version number. Clearing
/// keeps the row with no data and the next version, so an ETag handed out before a clear never
/// matches again.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteDatabase _database;

    internal SqliteGrainStorage(SqliteDatabase database) => _database = database;

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM grain_state WHERE grain_id = $grain AND state_name = $state";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var cleared = reader.IsDBNull(1);
            grainState.State = cleared ? StateSerializer.CreateDefault<TState>() : StateSerializer.Deserialize<TState>(reader.GetString(1));
            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = !cleared;
        }
        else
        {
            grainState.State = StateSerializer.CreateDefault<TState>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var json = StateSerializer.Serialize(grainState.State);
        var etag = grainState.ETag;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var version = await _database.WriteAsync(connection => Write(connection, stateName, grainId, etag, json, now), cancellationToken).ConfigureAwait(false);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var etag = grainState.ETag;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var version = await _database.WriteAsync(connection => Clear(connection, stateName, grainId, etag, now), cancellationToken).ConfigureAwait(false);
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = StateSerializer.CreateDefault<TState>();
    }

    private static long Write(SqliteConnection connection, string stateName, GrainId grainId, string? etag, string json, long now)
    {
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$data", json);
        command.Parameters.AddWithValue("$now", now);
        long written;
        if (etag is null)
        {
            // A tombstone is a row too: whoever saw nothing before a clear holds a stale view.
            command.CommandText = """
                INSERT INTO grain_state (state_name, grain_id, version, data, modified_at) VALUES ($state, $grain, 1, $data, $now)
                ON CONFLICT (grain_id, state_name) DO NOTHING
                """;
            written = 1;
        }
        else if (TryParseVersion(etag, out var expected))
        {
            command.CommandText = """
                UPDATE grain_state SET version = version + 1, data = $data, modified_at = $now
                WHERE grain_id = $grain AND state_name = $state AND version = $expected
                """;
            command.Parameters.AddWithValue("$expected", expected);
            written = expected + 1;
        }
        else
        {
            throw Mismatch("writing", connection, stateName, grainId, etag);
        }

        return command.ExecuteNonQuery() == 1 ? written : throw Mismatch("writing", connection, stateName, grainId, etag);
    }

    /// <summary>Turns the row into a tombstone at the next version and returns that version; null when there was nothing to clear.</summary>
    private static long? Clear(SqliteConnection connection, string stateName, GrainId grainId, string? etag, long now)
    {
        if (etag is null)
        {
            return StoredVersion(connection, stateName, grainId) is null ? null : throw Mismatch("clearing", connection, stateName, grainId, etag);
        }

        if (!TryParseVersion(etag, out var expected))
        {
            throw Mismatch("clearing", connection, stateName, grainId, etag);
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE grain_state SET version = version + 1, data = NULL, modified_at = $now
            WHERE grain_id = $grain AND state_name = $state AND version = $expected
            """;
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$expected", expected);
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteNonQuery() == 1 ? expected + 1 : throw Mismatch("clearing", connection, stateName, grainId, etag);
    }

    private static InconsistentStateException Mismatch(string action, SqliteConnection connection, string stateName, GrainId grainId, string? etag) =>
        new($"ETag mismatch {action} {stateName} of {grainId}.", StoredVersion(connection, stateName, grainId), etag);

    private static string? StoredVersion(SqliteConnection connection, string stateName, GrainId grainId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_id = $grain AND state_name = $state";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        return command.ExecuteScalar() is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static bool TryParseVersion(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
