namespace PyAirtable.Runtime;

/// <summary>Hands out grain references. References are cheap, comparable and serializable.</summary>
public interface IGrainFactory
{
    /// <summary>Gets a reference to the grain of interface <typeparamref name="TGrain"/> with the given key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    /// <summary>Gets a reference to the grain of interface <typeparamref name="TGrain"/> with the given key.</summary>
    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;

    /// <summary>Gets a reference to the grain with the given identity, as interface <typeparamref name="TGrain"/>.</summary>
    TGrain GetGrain<TGrain>(GrainId grainId) where TGrain : IGrain;
}
