using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Activations;

/// <summary>A ping grain whose counter lives in a persistent state read at activation.</summary>
internal sealed class StatefulPingGrain([PersistentState("ping")] IPersistentState<PingState> state) : Grain, IStatefulPingGrain
{
    public Task<int> AddAsync(int amount)
    {
        state.State = state.State with { Total = state.State.Total + amount };
        return Task.FromResult(state.State.Total);
    }
}
