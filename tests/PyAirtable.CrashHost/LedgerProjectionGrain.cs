using PyAirtable.Runtime;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.CrashHost;

public interface ILedgerProjectionGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<long>> GetAsync();
}

public sealed record ProjectionState
{
    public IReadOnlyList<long> Values { get; init; } = [];

    public IReadOnlyList<Guid> SeenEvents { get; init; } = [];
}

/// <summary>Receives the ledger's events through an implicit subscription; uses event ids so redelivery is harmless.</summary>
[ImplicitStreamSubscription("ledger")]
public sealed class LedgerProjectionGrain([PersistentState("projection")] IPersistentState<ProjectionState> state) : Grain, ILedgerProjectionGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetStreamProvider(GrainStorageNames.Default)
            .GetStream<LedgerEntryAdded>(StreamId.Create("ledger", this.GetPrimaryKeyString()))
            .SubscribeAsync(async (entry, token) =>
            {
                if (state.State.SeenEvents.Contains(token.EventId))
                {
                    return;
                }

                state.State = new ProjectionState
                {
                    Values = [.. state.State.Values, entry.Value],
                    SeenEvents = [.. state.State.SeenEvents, token.EventId],
                };
                await state.WriteStateAsync();
            });

    public Task<IReadOnlyList<long>> GetAsync() => Task.FromResult(state.State.Values);
}
