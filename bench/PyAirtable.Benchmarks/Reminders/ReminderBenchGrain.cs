using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Reminders;

/// <summary>Registers one reminder and reports each tick to the probe.</summary>
internal sealed class ReminderBenchGrain(ReminderProbe probe) : Grain, IReminderBenchGrain
{
    public const string ReminderName = "tick";

    public Task RegisterAsync(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.OnTick(status);
        return Task.CompletedTask;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
