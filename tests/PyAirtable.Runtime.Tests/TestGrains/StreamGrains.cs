using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Tests.TestGrains;

public sealed record OrderPlaced(string OrderId, int Amount);

public interface IOrderProjectionGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<string>> GetOrdersAsync();
}

/// <summary>Receives every event of the "orders/{key}" stream through an implicit subscription and persists what it saw.</summary>
[ImplicitStreamSubscription("orders")]
public sealed class OrderProjectionGrain(LifecycleLog log, [PersistentState("orders")] IPersistentState<OrderList> state) : Grain, IOrderProjectionGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider(GrainStorageNames.Default).GetStream<OrderPlaced>(StreamId.Create("orders", this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(async (order, token) =>
        {
            var failures = log.Increment("attempt:" + order.OrderId);
            if (order.OrderId.StartsWith("flaky", StringComparison.Ordinal) && failures < 3)
            {
                throw new InvalidOperationException("flaky consumer, attempt " + failures);
            }

            if (order.OrderId.StartsWith("poison", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("cannot handle " + order.OrderId);
            }

            state.State = state.State with { Orders = [.. state.State.Orders, order.OrderId], LastEventId = token.EventId };
            await state.WriteStateAsync();
        });
    }

    public Task<IReadOnlyList<string>> GetOrdersAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Orders);
}

public sealed record OrderList
{
    public IReadOnlyList<string> Orders { get; init; } = [];

    public Guid LastEventId { get; init; }
}

public interface IAuditorGrain : IGrainWithStringKey
{
    Task WatchAsync(string streamKey);

    Task UnwatchAsync(string streamKey);

    Task<IReadOnlyList<string>> GetSeenAsync();

    Task DeactivateAsync();
}

/// <summary>Subscribes explicitly to order streams; the subscription is persisted and resumed on activation.</summary>
public sealed class AuditorGrain(LifecycleLog log, [PersistentState("watch")] IPersistentState<OrderList> watched) : Grain, IAuditorGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var key in watched.State.Orders)
        {
            await Stream(key).SubscribeAsync(OnOrderAsync);
        }
    }

    public async Task WatchAsync(string streamKey)
    {
        await Stream(streamKey).SubscribeAsync(OnOrderAsync);
        watched.State = watched.State with { Orders = [.. watched.State.Orders, streamKey] };
        await watched.WriteStateAsync();
    }

    public async Task UnwatchAsync(string streamKey)
    {
        foreach (var handle in await Stream(streamKey).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }

        watched.State = watched.State with { Orders = [.. watched.State.Orders.Where(k => k != streamKey)] };
        await watched.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetSeenAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. log.Entries.Where(e => e.StartsWith("audit:" + this.GetPrimaryKeyString() + ":", StringComparison.Ordinal))]);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private IAsyncStream<OrderPlaced> Stream(string key) =>
        GetStreamProvider(GrainStorageNames.Default).GetStream<OrderPlaced>(StreamId.Create("orders", key));

    private Task OnOrderAsync(OrderPlaced order, StreamSequenceToken token)
    {
        log.Entries.Enqueue("audit:" + this.GetPrimaryKeyString() + ":" + order.OrderId);
        return Task.CompletedTask;
    }
}
