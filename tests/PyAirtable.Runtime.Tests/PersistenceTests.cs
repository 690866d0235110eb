using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task StateIsReadBeforeTheFirstTurnAndSurvivesDeactivation()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("persisted");
        await grain.IncrementAsync();
        await grain.IncrementAsync();

        await grain.DeactivateAsync();
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "deactivated");

        Assert.Equal(2, await grain.GetAsync());
    }

    [Fact]
    public async Task StateSurvivesARestartOfTheSiloOnTheSameStorage()
    {
        var storage = new MemoryRuntimeStorage();
        await using (var first = await TestSilo.StartAsync(new LifecycleLog(), storage: storage))
        {
            await first.GrainFactory.GetGrain<ICounterGrain>("restart").IncrementAsync();
        }

        await using var second = await TestSilo.StartAsync(new LifecycleLog(), storage: storage);

        Assert.Equal(1, await second.GrainFactory.GetGrain<ICounterGrain>("restart").GetAsync());
    }

    [Fact]
    public async Task AWriteWithAStaleEtagThrowsAndTheNextCallSeesTheStoredState()
    {
        var storage = new MemoryRuntimeStorage();
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), storage: storage);
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("stale");
        await grain.IncrementAsync();

        var outside = new GrainState<CounterState>(new CounterState());
        await storage.GrainStorage.ReadStateAsync("counter", grain.GetGrainId(), outside);
        outside.State = new CounterState { Count = 41 };
        await storage.GrainStorage.WriteStateAsync("counter", grain.GetGrainId(), outside);

        await Assert.ThrowsAsync<InconsistentStateException>(grain.IncrementAsync);
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "the stale activation was deactivated");
        Assert.Equal(42, await grain.IncrementAsync());
    }

    [Fact]
    public async Task AGrainTakesTheRowStorageInItsConstructorAndItsRowsOutliveTheActivation()
    {
        var storage = new MemoryRuntimeStorage();
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), storage: storage);
        var grain = silo.GrainFactory.GetGrain<INotesGrain>("rows");
        await grain.AddAsync("b", "second");
        await grain.AddAsync("a", "first");

        await grain.DeactivateAsync();
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "deactivated");

        Assert.Equal(["first", "second"], await grain.ListAsync());
        Assert.Equal(2, (await storage.Rows.ReadAllAsync("notes", grain.GetGrainId())).Version);
    }

    [Fact]
    public async Task AGrainAskingForAnUnconfiguredStorageFailsActivationWithAClearMessage()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IMisconfiguredGrain>("x");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(grain.PingAsync);

        Assert.Contains("storage 'Archive'", error.Message, StringComparison.Ordinal);
    }
}

public interface IMisconfiguredGrain : IGrainWithStringKey
{
    Task PingAsync();
}

public sealed class MisconfiguredGrain([PersistentState("s", "Archive")] IPersistentState<CounterState> state) : Grain, IMisconfiguredGrain
{
    public Task PingAsync() => Task.FromResult(state.RecordExists);
}
