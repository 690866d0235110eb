using PyAirtable.Runtime.Messaging;

namespace PyAirtable.Runtime;

/// <summary>The runtime's <see cref="IGrainFactory"/>.</summary>
internal sealed class GrainFactory(SiloRuntime runtime) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrain>(key);
    }

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Create<TGrain>(key.ToString());

    public TGrain GetGrain<TGrain>(GrainId grainId) where TGrain : IGrain =>
        (TGrain)GrainReferenceProxy.Create(typeof(TGrain), runtime, grainId);

    private TGrain Create<TGrain>(string key)
    {
        var typeName = runtime.Registry.GetByInterface(typeof(TGrain)).TypeName;
        return (TGrain)GrainReferenceProxy.Create(typeof(TGrain), runtime, new GrainId(typeName, key));
    }
}
