using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task TimerTicksRunAsTurnsThatNeverOverlapACall()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("ticking");

        await grain.StartAsync(10);
        for (var i = 0; i < 5; i++)
        {
            await grain.BusyAsync(40);
        }

        await TestSilo.EventuallyAsync(() => log.Counters.GetValueOrDefault("tick:ticking") >= 3, "the timer ticked");
        Assert.False(await grain.OverlapSeenAsync());
    }

    [Fact]
    public async Task TimersStopWhenTheGrainIsDeactivated()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("stopping");
        await grain.StartAsync(10);
        await TestSilo.EventuallyAsync(() => log.Counters.GetValueOrDefault("tick:stopping") >= 2, "the timer ticked");

        await grain.DeactivateAsync();
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "deactivated");
        var ticksAtDeactivation = log.Counters["tick:stopping"];
        await Task.Delay(100);

        Assert.Equal(ticksAtDeactivation, log.Counters["tick:stopping"]);
        Assert.Null(silo.Runtime.Catalog.TryGet(grain.GetGrainId()));
    }
}
