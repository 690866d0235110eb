using System.Reflection;
using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;

namespace PyAirtable.Runtime.Hosting;

/// <summary>Configures the runtime: which grains it hosts, which storage it uses, its options.</summary>
public sealed class RuntimeBuilder
{
    private readonly List<Type> _grainClasses = [];

    internal IReadOnlyList<Type> GrainClasses => _grainClasses;

    internal Func<IServiceProvider, IRuntimeStorage>? StorageFactory { get; private set; }

    internal List<Action<RuntimeOptions>> OptionActions { get; } = [];

    /// <summary>Hosts every grain class of <paramref name="assembly"/>.</summary>
    public RuntimeBuilder AddGrains(Assembly assembly)
    {
        _grainClasses.AddRange(GrainTypeRegistry.FindGrainClasses(assembly));
        return this;
    }

    /// <summary>Hosts the given grain classes.</summary>
    public RuntimeBuilder AddGrainClasses(params Type[] grainClasses)
    {
        _grainClasses.AddRange(grainClasses);
        return this;
    }

    /// <summary>Uses the given storage for grain state, reminders and streams.</summary>
    public RuntimeBuilder UseStorage(Func<IServiceProvider, IRuntimeStorage> factory)
    {
        StorageFactory = factory;
        return this;
    }

    /// <summary>Keeps everything in memory: tests only.</summary>
    public RuntimeBuilder UseMemoryStorage() => UseStorage(_ => new MemoryRuntimeStorage());

    public RuntimeBuilder Configure(Action<RuntimeOptions> configure)
    {
        OptionActions.Add(configure);
        return this;
    }
}
