using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Memory;

/// <summary>Everything in process memory: for tests only, nothing survives the process.</summary>
public sealed class MemoryRuntimeStorage : IRuntimeStorage
{
    public string ProviderName => "memory";

    public string Description => "in-memory (not durable)";

    public IGrainStorage GrainStorage { get; } = new MemoryGrainStorage();

    public IGrainRowStorage Rows { get; } = new MemoryGrainRowStorage();

    public IReminderTable Reminders { get; } = new MemoryReminderTable();

    public IStreamLog StreamLog { get; } = new MemoryStreamLog();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
