using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class CallTests
{
    [Fact]
    public async Task ACallThatTakesLongerThanTheTimeoutThrowsTimeoutException()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), o => o.CallTimeout = TimeSpan.FromMilliseconds(100));
        var grain = silo.GrainFactory.GetGrain<ISlowGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<TimeoutException>(() => grain.SleepAsync(1000));
    }

    [Fact]
    public async Task ACallQueuedBehindASlowCallAlsoTimesOut()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), o => o.CallTimeout = TimeSpan.FromMilliseconds(150));
        var grain = silo.GrainFactory.GetGrain<ISlowGrain>(Guid.NewGuid());

        var slow = grain.SleepAsync(1000);
        await Assert.ThrowsAsync<TimeoutException>(() => grain.SleepAsync(0));
        await Assert.ThrowsAsync<TimeoutException>(() => slow);
    }

    [Fact]
    public void TheDefaultCallTimeoutIsThirtySeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), new RuntimeOptions().CallTimeout);

    [Fact]
    public async Task AGrainExceptionReachesTheCallerWithItsTypeAndMessageAndTheGrainStaysUsable()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("thrower");
        await grain.IncrementAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.FailAsync("bad input"));

        Assert.Equal("bad input", error.Message);
        Assert.Equal(2, await grain.IncrementAsync());
    }

    [Fact]
    public async Task ValueTaskMethodsReturnTheirResult()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("valuetask");
        await grain.IncrementAsync();

        Assert.Equal(1, await grain.GetViaValueTaskAsync());
    }
}
