using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Streams;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class StreamTests
{
    private static IAsyncStream<OrderPlaced> Orders(Hosting.InProcessSilo silo, string key) =>
        silo.StreamProvider.GetStream<OrderPlaced>(StreamId.Create("orders", key));

    [Fact]
    public async Task AnImplicitSubscriberReceivesEveryEventInOrder()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var stream = Orders(silo, "shop-1");

        for (var i = 0; i < 50; i++)
        {
            await stream.OnNextAsync(new OrderPlaced("o" + i, i));
        }

        await silo.WaitForStreamsAsync();
        var orders = await silo.GrainFactory.GetGrain<IOrderProjectionGrain>("shop-1").GetOrdersAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "o" + i), orders);
    }

    [Fact]
    public async Task PublishingReturnsOnlyAfterTheEventIsInTheLogWithAnId()
    {
        var storage = new MemoryRuntimeStorage();
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), storage: storage);

        await Orders(silo, "logged").OnNextBatchAsync([new OrderPlaced("a", 1), new OrderPlaced("b", 2)]);

        var stored = await storage.StreamLog.ReadAsync(StreamId.Create("orders", "logged"), 0, 10, CancellationToken.None);
        Assert.Equal([1L, 2L], stored.Select(e => e.Sequence));
        Assert.All(stored, e => Assert.NotEqual(Guid.Empty, e.EventId));
        Assert.Equal(2, stored.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task EventsPublishedWhileNoSiloHostedTheSubscriberAreDeliveredAfterRestart()
    {
        var storage = new MemoryRuntimeStorage();
        await using (var withoutSubscriber = await TestSilo.StartAsync(new LifecycleLog(), storage: storage, excludedGrains: typeof(OrderProjectionGrain)))
        {
            await Orders(withoutSubscriber, "late").OnNextAsync(new OrderPlaced("early-1", 1));
            await Orders(withoutSubscriber, "late").OnNextAsync(new OrderPlaced("early-2", 2));
        }

        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), storage: storage);
        await silo.WaitForStreamsAsync();

        Assert.Equal(["early-1", "early-2"], await silo.GrainFactory.GetGrain<IOrderProjectionGrain>("late").GetOrdersAsync());
    }

    [Fact]
    public async Task ACheckpointKeepsARestartedSiloFromRedeliveringHandledEvents()
    {
        var storage = new MemoryRuntimeStorage();
        var log = new LifecycleLog();
        await using (var first = await TestSilo.StartAsync(log, storage: storage))
        {
            await Orders(first, "once").OnNextAsync(new OrderPlaced("only", 1));
            await first.WaitForStreamsAsync();
        }

        await using var second = await TestSilo.StartAsync(log, storage: storage);
        await Orders(second, "once").OnNextAsync(new OrderPlaced("next", 2));
        await second.WaitForStreamsAsync();

        Assert.Equal(["only", "next"], await second.GrainFactory.GetGrain<IOrderProjectionGrain>("once").GetOrdersAsync());
        Assert.Equal(1, log.Counters["attempt:only"]);
    }

    [Fact]
    public async Task ACaughtUpSubscribersCheckpointIsSavedSoonAfterWithoutAStop()
    {
        var storage = new MemoryRuntimeStorage();
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), storage: storage);

        await Orders(silo, "saved").OnNextAsync(new OrderPlaced("s1", 1));
        await Orders(silo, "saved").OnNextAsync(new OrderPlaced("s2", 2));
        await silo.WaitForStreamsAsync();

        await TestSilo.EventuallyAsync(
            () => storage.StreamLog.ReadCheckpointsAsync(CancellationToken.None).Result
                .Any(c => c.StreamId == StreamId.Create("orders", "saved") && c.Sequence == 2),
            "the checkpoint reached storage");
    }

    [Fact]
    public async Task AFailingConsumerIsRetriedUntilItSucceeds()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);

        await Orders(silo, "retry").OnNextAsync(new OrderPlaced("flaky-1", 1));
        await silo.WaitForStreamsAsync();

        Assert.Equal(["flaky-1"], await silo.GrainFactory.GetGrain<IOrderProjectionGrain>("retry").GetOrdersAsync());
        Assert.Equal(3, log.Counters["attempt:flaky-1"]);
        Assert.Empty(silo.Streams.GetParkedSubscribers());
    }

    [Fact]
    public async Task AConsumerThatKeepsFailingIsParkedWithItsErrorAndHoldsBackLaterEventsOfThatStreamOnly()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);

        await Orders(silo, "stuck").OnNextAsync(new OrderPlaced("poison-1", 1));
        await Orders(silo, "stuck").OnNextAsync(new OrderPlaced("after-poison", 2));
        await Orders(silo, "fine").OnNextAsync(new OrderPlaced("unaffected", 3));
        await silo.WaitForStreamsAsync();

        var parked = Assert.Single(silo.Streams.GetParkedSubscribers());
        Assert.Equal(StreamId.Create("orders", "stuck"), parked.StreamId);
        Assert.Equal(1, parked.StoppedAtSequence);
        Assert.Contains("cannot handle poison-1", parked.Error, StringComparison.Ordinal);
        Assert.Equal(4, log.Counters["attempt:poison-1"]);
        Assert.Empty(await silo.GrainFactory.GetGrain<IOrderProjectionGrain>("stuck").GetOrdersAsync());
        Assert.Equal(["unaffected"], await silo.GrainFactory.GetGrain<IOrderProjectionGrain>("fine").GetOrdersAsync());
    }

    [Fact]
    public async Task AnExplicitSubscriptionIsPersistedAndResumedWhenTheGrainReactivates()
    {
        var log = new LifecycleLog();
        var storage = new MemoryRuntimeStorage();
        await using (var first = await TestSilo.StartAsync(log, storage: storage))
        {
            var auditor = first.GrainFactory.GetGrain<IAuditorGrain>("auditor");
            await auditor.WatchAsync("audited");
            await Orders(first, "audited").OnNextAsync(new OrderPlaced("before-restart", 1));
            await first.WaitForStreamsAsync();
        }

        await using var second = await TestSilo.StartAsync(log, storage: storage);
        await Orders(second, "audited").OnNextAsync(new OrderPlaced("after-restart", 2));
        await second.WaitForStreamsAsync();

        Assert.Equal(["audit:auditor:before-restart", "audit:auditor:after-restart"],
            await second.GrainFactory.GetGrain<IAuditorGrain>("auditor").GetSeenAsync());
    }

    [Fact]
    public async Task AnExplicitSubscriberSeesOnlyEventsAfterItSubscribedAndNoneAfterUnsubscribing()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var auditor = silo.GrainFactory.GetGrain<IAuditorGrain>("watcher");

        await Orders(silo, "watched").OnNextAsync(new OrderPlaced("too-early", 1));
        await auditor.WatchAsync("watched");
        await Orders(silo, "watched").OnNextAsync(new OrderPlaced("seen", 2));
        await silo.WaitForStreamsAsync();
        await auditor.UnwatchAsync("watched");
        await Orders(silo, "watched").OnNextAsync(new OrderPlaced("too-late", 3));
        await silo.WaitForStreamsAsync();

        Assert.Equal(["audit:watcher:seen"], await auditor.GetSeenAsync());
    }

    [Fact]
    public async Task NonGrainCodeReceivesEventsForTheLifetimeOfItsSubscription()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var received = new List<(string, long)>();
        var stream = Orders(silo, "socket");
        await stream.OnNextAsync(new OrderPlaced("before", 0));

        var handle = await stream.SubscribeAsync((order, token) =>
        {
            lock (received)
            {
                received.Add((order.OrderId, token.SequenceNumber));
            }

            return Task.CompletedTask;
        });
        await stream.OnNextAsync(new OrderPlaced("during-1", 1));
        await stream.OnNextAsync(new OrderPlaced("during-2", 2));
        await silo.WaitForStreamsAsync();
        await handle.UnsubscribeAsync();
        await stream.OnNextAsync(new OrderPlaced("after", 3));
        await silo.WaitForStreamsAsync();

        Assert.Equal([("during-1", 2L), ("during-2", 3L)], received);
    }

    [Fact]
    public async Task QuiescenceWaitsForEventsThatHandlersPublish()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var relay = Orders(silo, "relay-in");
        var seen = 0;
        await relay.SubscribeAsync(async (order, _) =>
        {
            await Task.Delay(20);
            await Orders(silo, "relay-out").OnNextAsync(order with { OrderId = "relayed-" + order.OrderId });
        });
        await Orders(silo, "relay-out").SubscribeAsync(async (_, _) =>
        {
            await Task.Delay(20);
            Interlocked.Increment(ref seen);
        });

        await relay.OnNextAsync(new OrderPlaced("x", 1));
        await silo.WaitForStreamsAsync();

        Assert.Equal(1, seen);
        Assert.Equal(["relayed-x"], await silo.GrainFactory.GetGrain<IOrderProjectionGrain>("relay-out").GetOrdersAsync());
    }

    [Fact]
    public async Task AParkedSubscriberCanBeResumed()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var failing = true;
        var received = new List<string>();
        var stream = Orders(silo, "resume");
        await stream.SubscribeAsync((order, _) =>
        {
            if (failing)
            {
                throw new InvalidOperationException("down");
            }

            received.Add(order.OrderId);
            return Task.CompletedTask;
        });
        await stream.OnNextAsync(new OrderPlaced("r1", 1));
        await silo.WaitForStreamsAsync();
        var parked = silo.Streams.GetParkedSubscribers().Single(p => p.SubscriberKey.StartsWith("callback:", StringComparison.Ordinal));

        failing = false;
        await silo.Streams.ResumeAsync(parked.StreamId, parked.SubscriberKey);
        await silo.WaitForStreamsAsync();

        Assert.Equal(["r1"], received);
    }
}
