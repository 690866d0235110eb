namespace PyAirtable.GrainInterfaces.Security;

/// <summary>The keys generated at first start when none are configured (key <c>default</c>): JWT signing and secret encryption.</summary>
public interface IKeyRingGrain : IGrainWithStringKey
{
    /// <summary>The stored keys, generated and persisted on first use.</summary>
    Task<KeyMaterial> GetOrCreateAsync();
}
