using PyAirtable.Runtime;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.CrashHost;

public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Appends a value to the persisted list, then publishes it; returns when both are durable.</summary>
    Task AppendAsync(long value);

    Task<IReadOnlyList<long>> GetAsync();
}

public sealed record LedgerEntryAdded(string Key, long Value);

public sealed record LedgerState
{
    public IReadOnlyList<long> Values { get; init; } = [];
}

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain
{
    public async Task AppendAsync(long value)
    {
        state.State = state.State with { Values = [.. state.State.Values, value] };
        await state.WriteStateAsync();
        await GetStreamProvider(GrainStorageNames.Default)
            .GetStream<LedgerEntryAdded>(StreamId.Create("ledger", this.GetPrimaryKeyString()))
            .OnNextAsync(new LedgerEntryAdded(this.GetPrimaryKeyString(), value));
    }

    public Task<IReadOnlyList<long>> GetAsync() => Task.FromResult(state.State.Values);
}
