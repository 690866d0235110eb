using System.Security.Cryptography;
using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.Grains.Security;

/// <summary>Generates the embedded mode's keys once and keeps them in storage, so tokens survive restarts.</summary>
public sealed class KeyRingGrain([PersistentState("keys")] IPersistentState<KeyRingState> state) : Grain, IKeyRingGrain
{
    public async Task<KeyMaterial> GetOrCreateAsync()
    {
        if (state.State.Keys is null)
        {
            state.State = new KeyRingState
            {
                Keys = new KeyMaterial(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            };
            await state.WriteStateAsync();
        }

        return state.State.Keys;
    }
}
