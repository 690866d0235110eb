using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class GrainReferenceTests
{
    [Fact]
    public async Task TwoReferencesToTheSameGrainAreEqualAndHashAlike()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var a = silo.GrainFactory.GetGrain<ICounterGrain>("same");
        var b = silo.GrainFactory.GetGrain<ICounterGrain>("same");
        var other = silo.GrainFactory.GetGrain<ICounterGrain>("other");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, other);
        Assert.Equal(new GrainId("counter", "same"), a.GetGrainId());
    }

    [Fact]
    public async Task EachReferenceIsItsOwnObjectAndCallsItsOwnGrainOnItsOwnSilo()
    {
        await using var first = await TestSilo.StartAsync(new LifecycleLog());
        await using var second = await TestSilo.StartAsync(new LifecycleLog());
        var a = first.GrainFactory.GetGrain<ICounterGrain>("a");
        var b = first.GrainFactory.GetGrain<ICounterGrain>("b");
        var elsewhere = second.GrainFactory.GetGrain<ICounterGrain>("a");

        await a.IncrementAsync();
        await a.IncrementAsync();
        await b.IncrementAsync();

        Assert.NotSame(a, first.GrainFactory.GetGrain<ICounterGrain>("a"));
        Assert.Equal(2, await a.GetAsync());
        Assert.Equal(1, await b.GetAsync());
        Assert.Equal(0, await elsewhere.GetAsync());
        Assert.Equal(new GrainId("counter", "b"), b.GetGrainId());
    }

    [Fact]
    public async Task GuidKeyedGrainsAreAddressedByTheirGuid()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var key = Guid.NewGuid();

        var grain = silo.GrainFactory.GetGrain<ISlowGrain>(key);

        Assert.Equal(1, await grain.SleepAsync(0));
        Assert.Equal(key.ToString(), grain.GetGrainId().Key);
        Assert.Equal(2, await silo.GrainFactory.GetGrain<ISlowGrain>(key).SleepAsync(0));
    }

    [Fact]
    public async Task AReferencePassedInACallAndStoredInStateStillWorksAfterReactivation()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var holder = silo.GrainFactory.GetGrain<ICounterGrain>("holder");
        var friend = silo.GrainFactory.GetGrain<ICounterGrain>("friend");
        await friend.IncrementAsync();

        await holder.SetFriendAsync(friend);
        await holder.DeactivateAsync();
        var restored = await holder.GetFriendAsync();

        Assert.Equal(friend, restored);
        Assert.Equal(2, await restored!.IncrementAsync());
    }
}
