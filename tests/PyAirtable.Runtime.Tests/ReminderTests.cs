using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class ReminderTests
{
    [Fact]
    public async Task AReminderWakesItsGrainAfterTheGrainWasDeactivated()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>("sleeper");
        await grain.RegisterAsync("wake", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

        await grain.DeactivateAsync();
        await TestSilo.EventuallyAsync(() => silo.Runtime.Catalog.TryGet(grain.GetGrainId()) is null, "deactivated");

        await TestSilo.EventuallyAsync(() => log.Counters.GetValueOrDefault("reminder:sleeper:wake") == 1, "the reminder fired");
    }

    [Fact]
    public async Task ARemindersTicksRepeatUntilItIsUnregistered()
    {
        var log = new LifecycleLog();
        await using var silo = await TestSilo.StartAsync(log);
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>("repeat");
        await grain.RegisterAsync("beat", TimeSpan.Zero, TimeSpan.FromMilliseconds(60));
        await TestSilo.EventuallyAsync(() => log.Counters.GetValueOrDefault("reminder:repeat:beat") >= 3, "three ticks");

        await grain.UnregisterAsync("beat");
        var afterUnregister = log.Counters["reminder:repeat:beat"];
        await Task.Delay(200);

        Assert.InRange(log.Counters["reminder:repeat:beat"], afterUnregister, afterUnregister + 1);
        Assert.Empty(await grain.ListAsync());
    }

    [Fact]
    public async Task GetRemindersListsWhatIsRegistered()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>("lister");

        await grain.RegisterAsync("a", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await grain.RegisterAsync("b", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await grain.RegisterAsync("a", TimeSpan.FromHours(2), TimeSpan.FromHours(2));

        Assert.Equal(["a", "b"], await grain.ListAsync());
    }

    [Fact]
    public async Task RemindersSurviveARestartAndMissedTicksFireOnce()
    {
        var log = new LifecycleLog();
        var storage = new MemoryRuntimeStorage();
        var grainId = new GrainId("reminder", "survivor");
        await using (var first = await TestSilo.StartAsync(log, storage: storage))
        {
            await first.GrainFactory.GetGrain<IReminderGrain>("survivor").RegisterAsync("daily", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        }

        // While the silo was down, three hourly ticks were missed.
        var now = DateTimeOffset.UtcNow;
        await storage.Reminders.UpsertRowAsync(
            new ReminderEntry(grainId, "daily", now - TimeSpan.FromHours(4), TimeSpan.FromHours(1), now - TimeSpan.FromHours(3)),
            CancellationToken.None);
        await using var second = await TestSilo.StartAsync(log, storage: storage);

        await TestSilo.EventuallyAsync(() => log.Counters.GetValueOrDefault("reminder:survivor:daily") == 1, "the missed tick fired");
        await Task.Delay(300);
        Assert.Equal(1, log.Counters["reminder:survivor:daily"]);
        Assert.Single(await storage.Reminders.ReadRowsAsync(grainId, CancellationToken.None));
        await TestSilo.EventuallyAsync(() => storage.Reminders.ReadRowsAsync(grainId, CancellationToken.None).Result[0].NextDue > now, "the next due time was saved");
    }

    [Fact]
    public async Task APeriodBelowTheMinimumIsRejected()
    {
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), o => o.MinimumReminderPeriod = TimeSpan.FromMinutes(1));
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>("eager");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.RegisterAsync("fast", TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(30, 60)]
    [InlineData(60, 120)]
    [InlineData(185, 240)]
    public void TheNextTickIsTheFirstAlignedTickAfterNow(int minutesAfterStart, int expectedMinutesAfterStart)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var next = ReminderSchedule.NextTickAfter(start, TimeSpan.FromHours(1), start.AddMinutes(minutesAfterStart));

        Assert.Equal(start.AddMinutes(expectedMinutesAfterStart), next);
    }

    [Fact]
    public void BeforeTheStartTheNextTickIsTheStart()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(start, ReminderSchedule.NextTickAfter(start, TimeSpan.FromHours(1), start.AddMinutes(-5)));
    }
}
