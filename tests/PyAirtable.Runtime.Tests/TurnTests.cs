using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task CallsToANonReentrantGrainNeverInterleave()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IOverlapGrain>("serial");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => grain.WorkAsync(5))));

        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
    }

    [Fact]
    public async Task CallsToAReentrantGrainInterleaveAtAwaits()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IReentrantOverlapGrain>("reentrant");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.WorkAsync(50)));

        Assert.True(await grain.GetMaxConcurrencyAsync() > 1);
    }

    [Fact]
    public async Task ReadOnlyCallsInterleaveWithEachOther()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IOverlapGrain>("readers");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.ReadAsync(50)));

        Assert.True(await grain.GetMaxConcurrencyAsync() > 1);
    }

    [Fact]
    public async Task AnAlwaysInterleaveCallRunsWhileAnotherCallIsInProgress()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IOverlapGrain>("interleave");

        var work = grain.WorkAsync(200);
        await Task.Delay(20);
        var seen = await grain.InterleaveAsync(0);
        await work;

        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task ACallThatComesBackAlongTheSameChainDoesNotDeadlock()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var a = silo.GrainFactory.GetGrain<IChainGrain>("a");

        var result = await a.StartAsync("b");

        Assert.Equal("via b", result);
    }

    [Fact]
    public async Task ACallFromAnotherChainWaitsForTheRunningTurn()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IOverlapGrain>("other-chain");

        var first = grain.WorkAsync(100);
        var second = grain.WorkAsync(0);
        await Task.WhenAll(first, second);

        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
    }
}
