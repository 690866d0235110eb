using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

/// <summary>Starts an in-process silo hosting the test grains.</summary>
public static class TestSilo
{
    public static Task<InProcessSilo> StartAsync(
        LifecycleLog log,
        Action<RuntimeOptions>? configure = null,
        IRuntimeStorage? storage = null,
        Action<IServiceCollection>? services = null,
        params Type[] excludedGrains)
    {
        var store = storage ?? new MemoryRuntimeStorage();
        return InProcessSilo.StartAsync(
            builder =>
            {
                builder.AddGrainClasses([.. typeof(TestSilo).Assembly.GetTypes()
                    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t) && !excludedGrains.Contains(t))]);
                builder.UseStorage(_ => new NonDisposingStorage(store));
                builder.Configure(options =>
                {
                    options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(50);
                    options.DeliveryBackoff = TimeSpan.FromMilliseconds(5);
                    options.MaxDeliveryAttempts = 4;
                    configure?.Invoke(options);
                });
            },
            collection =>
            {
                collection.AddSingleton(log);
                services?.Invoke(collection);
            });
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after 10 s.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string because)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("Timed out waiting until " + because);
    }

    /// <summary>Lets one storage outlive a silo, so a second silo can start on what the first wrote (a restart).</summary>
    private sealed class NonDisposingStorage(IRuntimeStorage inner) : IRuntimeStorage
    {
        public string ProviderName => inner.ProviderName;

        public string Description => inner.Description;

        public IGrainStorage GrainStorage => inner.GrainStorage;

        public IGrainRowStorage Rows => inner.Rows;

        public Reminders.IReminderTable Reminders => inner.Reminders;

        public Streams.IStreamLog StreamLog => inner.StreamLog;

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => inner.IsReachableAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
