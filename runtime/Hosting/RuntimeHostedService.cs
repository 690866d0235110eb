using Microsoft.Extensions.Hosting;

namespace PyAirtable.Runtime.Hosting;

/// <summary>Starts the runtime with the host and stops it (draining streams, deactivating grains) on shutdown.</summary>
internal sealed class RuntimeHostedService(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
