using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Telemetry;

namespace PyAirtable.Runtime.Catalog;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> handed to a grain. A write with a stale ETag
/// deactivates the activation, so the next call starts from what is actually stored.
/// </summary>
internal sealed class PersistentState<TState>(string stateName, IGrainStorage storage, ActivationData activation)
    : IPersistentState<TState>, IPersistentStateLoader, IGrainState<TState>
{
    public TState State { get; set; } = default!;

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    string? IGrainState<TState>.ETag
    {
        get => Etag;
        set => Etag = value;
    }

    bool IGrainState<TState>.RecordExists
    {
        get => RecordExists;
        set => RecordExists = value;
    }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = RuntimeInstruments.StorageStarted();
        await storage.ReadStateAsync(stateName, activation.GrainId, this, cancellationToken);
        RuntimeInstruments.StorageEnded(started, "read");
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var started = RuntimeInstruments.StorageStarted();
        try
        {
            await storage.WriteStateAsync(stateName, activation.GrainId, this, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }

        RuntimeInstruments.StorageEnded(started, "write");
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        var started = RuntimeInstruments.StorageStarted();
        try
        {
            await storage.ClearStateAsync(stateName, activation.GrainId, this, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }

        RuntimeInstruments.StorageEnded(started, "clear");
    }
}
