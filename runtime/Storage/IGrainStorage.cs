namespace PyAirtable.Runtime.Storage;

/// <summary>
/// Stores grain state. Every write carries the ETag it read; a mismatch throws
/// <see cref="InconsistentStateException"/>. A write that returned is durable.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/>; a new <typeparamref name="TState"/> when nothing is stored.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state if the stored ETag matches <see cref="IGrainState{TState}.ETag"/>, then sets the new ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    /// <summary>Deletes the state if the stored ETag matches, then resets the record.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
}
