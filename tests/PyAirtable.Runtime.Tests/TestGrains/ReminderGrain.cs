namespace PyAirtable.Runtime.Tests.TestGrains;

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string name);

    Task<IReadOnlyList<string>> ListAsync();

    Task DeactivateAsync();
}

public sealed class ReminderGrain(LifecycleLog log) : Grain, IReminderGrain
{
    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task UnregisterAsync(string name)
    {
        var reminder = await GetReminder(name) ?? throw new KeyNotFoundException(name);
        await UnregisterReminder(reminder);
    }

    public async Task<IReadOnlyList<string>> ListAsync() => [.. (await GetReminders()).Select(r => r.ReminderName)];

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Increment("reminder:" + this.GetPrimaryKeyString() + ":" + reminderName);
        return Task.CompletedTask;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
