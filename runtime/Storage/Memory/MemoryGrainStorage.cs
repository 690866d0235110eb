using System.Collections.Concurrent;
using System.Globalization;

namespace PyAirtable.Runtime.Storage.Memory;

/// <summary>Grain state as JSON in a dictionary, with the same ETag rules as the durable providers.</summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (string Json, long Version)> _rows = new();
    private readonly Lock _writeLock = new();

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = StateSerializer.Deserialize<TState>(row.Json);
            grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
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
            var key = (stateName, grainId);
            var stored = _rows.TryGetValue(key, out var row) ? row.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch writing {stateName} of {grainId}.", stored, grainState.ETag);
            }

            var version = row.Version + 1;
            _rows[key] = (json, version);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_writeLock)
        {
            var key = (stateName, grainId);
            var stored = _rows.TryGetValue(key, out var row) ? row.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch clearing {stateName} of {grainId}.", stored, grainState.ETag);
            }

            _rows.TryRemove(key, out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = StateSerializer.CreateDefault<TState>();
        }

        return Task.CompletedTask;
    }
}
