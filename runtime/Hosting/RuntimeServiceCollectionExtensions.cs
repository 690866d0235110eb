using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Hosting;

/// <summary>Registers the actor runtime in a service collection.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime: <see cref="IGrainFactory"/>, the <c>Default</c> grain storage and stream
    /// provider, <see cref="IGrainRowStorage"/> for grains that keep many rows,
    /// <see cref="IStreamAdministration"/>, <see cref="IRuntimeHealth"/>, and a hosted service that
    /// starts and stops it with the host.
    /// </summary>
    public static IServiceCollection AddPyAirtableRuntime(this IServiceCollection services, Action<RuntimeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new RuntimeBuilder();
        configure(builder);
        var storageFactory = builder.StorageFactory
            ?? throw new InvalidOperationException("Choose a storage for the runtime (UseSqliteStorage, UsePostgresStorage or UseMemoryStorage).");

        services.AddOptions<RuntimeOptions>().Configure(options =>
        {
            foreach (var action in builder.OptionActions)
            {
                action(options);
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(storageFactory);
        services.AddSingleton(new GrainTypeRegistry(builder.GrainClasses));
        services.AddSingleton<SiloRuntime>();
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().StreamProvider);
        services.AddSingleton<IStreamAdministration>(sp => sp.GetRequiredService<SiloRuntime>().Streams);
        services.AddKeyedSingleton(GrainStorageNames.Default, (sp, _) => sp.GetRequiredService<IRuntimeStorage>().GrainStorage);
        services.AddSingleton<IGrainRowStorage>(sp => sp.GetRequiredService<IRuntimeStorage>().Rows);
        services.AddSingleton<IRuntimeHealth, RuntimeHealth>();
        services.AddSingleton<IHostedService, RuntimeHostedService>();
        return services;
    }
}
