using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Messaging;
using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Streams;
using PyAirtable.Runtime.Streams.Delivery;

namespace PyAirtable.Runtime;

/// <summary>One silo's runtime: the catalog of activations, the dispatcher, reminders and streams, over one storage.</summary>
internal sealed class SiloRuntime
{
    private static SiloRuntime? s_lastStarted;

    public SiloRuntime(IServiceProvider services, IOptions<RuntimeOptions> options, IRuntimeStorage storage,
        GrainTypeRegistry registry, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Services = services;
        Options = options.Value;
        Storage = storage;
        Registry = registry;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger("PyAirtable.Runtime");
        LocalSilo = new SiloAddress(Options.SiloName, "local");
        Catalog = new ActivationCatalog(this);
        Dispatcher = new Dispatcher(this, services.GetService<IPlacementDirector>() ?? new LocalPlacementDirector(LocalSilo),
            services.GetService<IRemoteGrainInvoker>());
        GrainFactory = new GrainFactory(this);
        Reminders = new ReminderService(this);
        Streams = new StreamDeliveryService(this);
        StreamProvider = new DurableStreamProvider(Streams);
    }

    /// <summary>The runtime of the grain whose turn is running, else the last runtime started in this process.</summary>
    public static SiloRuntime? Ambient => CallContext.Current?.Activation?.Runtime ?? s_lastStarted;

    public IServiceProvider Services { get; }

    public RuntimeOptions Options { get; }

    public IRuntimeStorage Storage { get; }

    public GrainTypeRegistry Registry { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SiloAddress LocalSilo { get; }

    public ActivationCatalog Catalog { get; }

    public Dispatcher Dispatcher { get; }

    public IGrainFactory GrainFactory { get; }

    public ReminderService Reminders { get; }

    public StreamDeliveryService Streams { get; }

    public IStreamProvider StreamProvider { get; }

    public bool IsStarted { get; private set; }

    public IStreamProvider GetStreamProvider(string name) => name == StreamProvider.Name
        ? StreamProvider
        : throw new KeyNotFoundException($"No stream provider is named '{name}'; use '{GrainStorageNames.Default}'.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        s_lastStarted = this;
        await Streams.StartAsync(cancellationToken).ConfigureAwait(false);
        await Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        Catalog.StartCollector();
        IsStarted = true;
    }

    /// <summary>Drains streams, stops reminders and deactivates every grain.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsStarted)
        {
            return;
        }

        IsStarted = false;
        await Streams.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Reminders.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Catalog.DeactivateAllAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Grains that did not finish deactivating in time lose only their OnDeactivateAsync; state writes already returned are durable.
        }

        Catalog.Dispose();
        if (s_lastStarted == this)
        {
            s_lastStarted = null;
        }
    }
}
