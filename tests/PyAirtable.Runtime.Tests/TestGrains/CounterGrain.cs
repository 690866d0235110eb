namespace PyAirtable.Runtime.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    [ReadOnly]
    Task<int> GetAsync();

    Task<Guid> GetActivationIdAsync();

    Task DeactivateAsync();

    Task FailAsync(string message);

    ValueTask<int> GetViaValueTaskAsync();

    Task SetFriendAsync(ICounterGrain buddy);

    Task<ICounterGrain?> GetFriendAsync();
}

public sealed record CounterState
{
    public int Count { get; init; }

    public ICounterGrain? Friend { get; init; }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> IncrementAsync()
    {
        state.State = state.State with { Count = state.State.Count + 1 };
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task FailAsync(string message) => throw new ArgumentException(message);

    public ValueTask<int> GetViaValueTaskAsync() => ValueTask.FromResult(state.State.Count);

    public async Task SetFriendAsync(ICounterGrain buddy)
    {
        state.State = state.State with { Friend = buddy };
        await state.WriteStateAsync();
    }

    public Task<ICounterGrain?> GetFriendAsync() => Task.FromResult(state.State.Friend);
}
