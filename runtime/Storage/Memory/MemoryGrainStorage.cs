using System.Collections.Concurrent;
using System.Globalization;

namespace PyAirtable.Runtime.Storage.Memory;

/// <summary>
/// Grain state as JSON in a dictionary, with the same ETag rules as the durable providers:
/// clearing keeps the entry with no JSON and the next version, so versions never restart.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (string? Json, long Version)> _rows = new();
    private readonly Lock _writeLock = new();

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = row.Json is null ? StateSerializer.CreateDefault<TState>() : StateSerializer.Deserialize<TState>(row.Json);
            grainState.ETag = Etag(row.Version);
            grainState.RecordExists = row.Json is not null;
        }
        else
        {
            grainState.State = StateSerializer.CreateDefault<TState>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var json = StateSerializer.Serialize(grainState.State);
        lock (_writeLock)
        {
            var version = NextVersion("writing", stateName, grainId, grainState.ETag);
            _rows[(stateName, grainId)] = (json, version);
            grainState.ETag = Etag(version);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_writeLock)
        {
            // Clearing what was never stored leaves nothing behind, as there is no ETag to outdate.
            if (grainState.ETag is not null || _rows.ContainsKey((stateName, grainId)))
            {
                var version = NextVersion("clearing", stateName, grainId, grainState.ETag);
                _rows[(stateName, grainId)] = (null, version);
                grainState.ETag = Etag(version);
            }

            grainState.RecordExists = false;
            grainState.State = StateSerializer.CreateDefault<TState>();
        }

        return Task.CompletedTask;
    }

    /// <summary>The version that replaces the stored one, which must be the one <paramref name="etag"/> names; called under the write lock.</summary>
    private long NextVersion(string action, string stateName, GrainId grainId, string? etag)
    {
        var stored = _rows.TryGetValue((stateName, grainId), out var row) ? Etag(row.Version) : null;
        return stored == etag
            ? row.Version + 1
            : throw new InconsistentStateException($"ETag mismatch {action} {stateName} of {grainId}.", stored, etag);
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
