using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Activations;

/// <summary>A ping grain with a persistent state, to see what a state adds to an activation.</summary>
public interface IStatefulPingGrain : IGrainWithStringKey
{
    /// <summary>Adds to the in-memory state (not written) and returns the total.</summary>
    Task<int> AddAsync(int amount);
}
