using System.Globalization;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>
/// Grain state as JSON rows of <c>grain_state</c>; the ETag is the row's version number. A
/// write is one conditional statement: an update that matches the version read, or an insert
/// that does nothing when a row already exists. No row touched means the ETag was stale.
/// Clearing keeps the row with no data and the next version, so an ETag handed out before a
/// clear never matches again, and an insert finds the row and fails.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly PostgresDatabase _database;

    internal PostgresGrainStorage(PostgresDatabase database) => _database = database;

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var command = _database.CreateCommand("SELECT version, data FROM grain_state WHERE grain_id = $1 AND state_name = $2");
        command.Parameters.AddWithValue(grainId.ToString());
        command.Parameters.AddWithValue(stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var cleared = await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false);
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
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long version;
        if (grainState.ETag is null)
        {
            await using var insert = _database.CreateCommand("""
                INSERT INTO grain_state (state_name, grain_id, version, data, modified_at) VALUES ($1, $2, 1, $3, $4)
                ON CONFLICT (grain_id, state_name) DO NOTHING
                """);
            insert.Parameters.AddWithValue(stateName);
            insert.Parameters.AddWithValue(grainId.ToString());
            insert.Parameters.AddWithValue(json);
            insert.Parameters.AddWithValue(now);
            version = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? 1 : 0;
        }
        else if (TryParseVersion(grainState.ETag, out var expected))
        {
            await using var update = _database.CreateCommand("""
                UPDATE grain_state SET version = version + 1, data = $3, modified_at = $4
                WHERE state_name = $1 AND grain_id = $2 AND version = $5
                """);
            update.Parameters.AddWithValue(stateName);
            update.Parameters.AddWithValue(grainId.ToString());
            update.Parameters.AddWithValue(json);
            update.Parameters.AddWithValue(now);
            update.Parameters.AddWithValue(expected);
            version = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? expected + 1 : 0;
        }
        else
        {
            version = 0;
        }

        if (version == 0)
        {
            throw await MismatchAsync("writing", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        bool cleared;
        string? etag = null;
        if (grainState.ETag is null)
        {
            // Nothing stored, nothing to clear: with no version handed out, none needs outdating.
            cleared = await StoredVersionAsync(stateName, grainId, cancellationToken).ConfigureAwait(false) is null;
        }
        else if (TryParseVersion(grainState.ETag, out var expected))
        {
            await using var tombstone = _database.CreateCommand("""
                UPDATE grain_state SET version = version + 1, data = NULL, modified_at = $4
                WHERE state_name = $1 AND grain_id = $2 AND version = $3
                """);
            tombstone.Parameters.AddWithValue(stateName);
            tombstone.Parameters.AddWithValue(grainId.ToString());
            tombstone.Parameters.AddWithValue(expected);
            tombstone.Parameters.AddWithValue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            cleared = await tombstone.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            etag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            cleared = false;
        }

        if (!cleared)
        {
            throw await MismatchAsync("clearing", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }

        grainState.ETag = etag;
        grainState.RecordExists = false;
        grainState.State = StateSerializer.CreateDefault<TState>();
    }

    private async Task<InconsistentStateException> MismatchAsync(string action, string stateName, GrainId grainId, string? etag, CancellationToken cancellationToken) =>
        new($"ETag mismatch {action} {stateName} of {grainId}.", await StoredVersionAsync(stateName, grainId, cancellationToken).ConfigureAwait(false), etag);

    private async Task<string?> StoredVersionAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("SELECT version FROM grain_state WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.AddWithValue(stateName);
        command.Parameters.AddWithValue(grainId.ToString());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version
            ? version.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    private static bool TryParseVersion(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
