using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Reminders;

/// <summary>A grain with one durable reminder.</summary>
public interface IReminderBenchGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers (or moves) this grain's reminder.</summary>
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period);

    /// <summary>Deactivates the grain once the call completes; its reminder stays registered.</summary>
    Task DeactivateAsync();
}
