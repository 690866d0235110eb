using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Hosting;

/// <summary>
/// A silo inside the calling process with no web host: what tests and benchmarks start (in
/// milliseconds with memory storage). Dispose it to stop it the way a host would.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SiloRuntime _runtime;

    private InProcessSilo(ServiceProvider services)
    {
        _services = services;
        _runtime = services.GetRequiredService<SiloRuntime>();
    }

    public IServiceProvider Services => _services;

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IStreamProvider StreamProvider => _runtime.StreamProvider;

    public IStreamAdministration Streams => _runtime.Streams;

    internal SiloRuntime Runtime => _runtime;

    /// <summary>Starts a silo. <paramref name="configure"/> picks grains, storage and options; <paramref name="services"/> adds services grains need.</summary>
    public static async Task<InProcessSilo> StartAsync(Action<RuntimeBuilder> configure, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddPyAirtableRuntime(configure);
        var provider = collection.BuildServiceProvider();
        var silo = new InProcessSilo(provider);
        await silo._runtime.StartAsync(CancellationToken.None).ConfigureAwait(false);
        return silo;
    }

    /// <summary>Waits until every event published so far has been handled by every subscriber (or its subscriber parked).</summary>
    public Task WaitForStreamsAsync(TimeSpan? timeout = null) => _runtime.Streams.WaitForQuiescenceAsync(timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Stops the silo: drains streams, stops reminders, deactivates grains; the storage stays open.</summary>
    public Task StopAsync() => _runtime.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _runtime.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
