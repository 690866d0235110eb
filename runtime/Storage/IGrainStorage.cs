namespace PyAirtable.Runtime.Storage;

/// <summary>
/// Stores grain state. Every write carries the ETag it read; a mismatch throws
/// <see cref="InconsistentStateException"/>. A write that returned is durable. ETags never
/// repeat for a state, not even after a clear: a writer that read before the clear stays stale.
/// </summary>
public interface IGrainStorage
{
    /// <summary>
    /// Reads the state into <paramref name="grainState"/>; a new <typeparamref name="TState"/> when nothing is stored,
    /// with no ETag if it was never written and the clear's ETag if it was cleared.
    /// </summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state if the stored ETag matches <see cref="IGrainState{TState}.ETag"/>, then sets the new ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    /// <summary>Deletes the state if the stored ETag matches, then resets the record and sets the ETag the next write must carry.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
}
