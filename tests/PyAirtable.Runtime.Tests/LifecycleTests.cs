using System.Runtime.CompilerServices;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task DeactivateOnIdleRunsOnDeactivateAndTheNextCallReactivates()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("cycle");
        var first = await grain.GetActivationIdAsync();

        await grain.DeactivateAsync();
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "the activation is gone");
        var second = await grain.GetActivationIdAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task OnDeactivateAsyncIsToldWhyTheGrainIsDeactivated()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("why");

        await grain.DeactivateAsync();

        await TestSilo.EventuallyAsync(() => log.Entries.Contains("deactivate:why:ApplicationRequested"), "OnDeactivateAsync ran");
    }

    [Fact]
    public async Task IdleGrainsAreDeactivatedAfterTheCollectionAgeAndBusyOnesAreNot()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log, o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(200);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var idle = silo.GrainFactory.GetGrain<ILifecycleGrain>("idle");
        var busy = silo.GrainFactory.GetGrain<ISlowGrain>(Guid.NewGuid());
        await idle.HelloAsync();

        var working = busy.SleepAsync(1500);
        await TestSilo.EventuallyAsync(() => log.Entries.Contains("deactivate:idle:IdleCollection"), "the idle grain was collected");

        Assert.NotNull(silo.Runtime.Catalog.TryGet(busy.GetGrainId()));
        await working;
    }

    [Fact]
    public void TheDefaultCollectionAgeIsFifteenMinutes() =>
        Assert.Equal(TimeSpan.FromMinutes(15), new RuntimeOptions().CollectionAge);

    [Fact]
    public async Task ADeactivatedGrainsMemoryIsReleased()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("released");
        var weak = await grain.GetWeakSelfAsync();

        await grain.DeactivateAsync();
        await TestSilo.EventuallyAsync(() => log.Entries.Contains("deactivate:released:ApplicationRequested"), "deactivated");
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "removed from the catalog");

        await TestSilo.EventuallyAsync(() => IsCollected(weak), "the grain instance was garbage collected");
    }

    [Fact]
    public async Task StoppingTheSiloDeactivatesEveryGrain()
    {
        var log = new LifecycleLog();
        var silo = await TestSilo.StartAsync(log);
        await silo.GrainFactory.GetGrain<ILifecycleGrain>("s1").HelloAsync();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>("s2").HelloAsync();

        await silo.DisposeAsync();

        Assert.Contains("deactivate:s1:ShuttingDown", log.Entries);
        Assert.Contains("deactivate:s2:ShuttingDown", log.Entries);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsCollected(WeakReference weak)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return !weak.IsAlive;
    }
}
