using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task TheFirstCallActivatesTheGrainAndOnActivateRunsBeforeTheFirstTurn()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);

        Assert.Equal(0, silo.Runtime.Catalog.Count);
        var hello = await silo.GrainFactory.GetGrain<ILifecycleGrain>("first").HelloAsync();

        Assert.Equal("activated", hello);
        Assert.Equal(1, silo.Runtime.Catalog.Count);
        Assert.Contains("activate:first:False", log.Entries);
    }

    [Fact]
    public async Task AThrowingActivationFailsTheCallWithTheOriginalExceptionAndLeavesNothingBehind()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("fail-1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(grain.HelloAsync);

        Assert.Equal("activation refused for fail-1", error.Message);
        Assert.Null(silo.Runtime.Catalog.TryGet(grain.GetGrainId()));
        await Assert.ThrowsAsync<InvalidOperationException>(grain.HelloAsync);
        Assert.Equal(2, log.Counters["construct:fail-1"]);
    }

    [Fact]
    public async Task ConcurrentFirstCallsShareOneActivation()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("crowd");

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(grain.GetActivationIdAsync)));

        Assert.Single(ids.Distinct());
    }
}
