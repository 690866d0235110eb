using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.Grains.Security;

/// <summary>
/// Generates the keys once when none are configured and keeps them in storage, so tokens survive
/// restarts. With a key file (embedded mode) the stored keys are sealed with it (AES-256-GCM),
/// and keys stored unsealed by an older version are sealed on first use.
/// </summary>
public sealed class KeyRingGrain([PersistentState("keys")] IPersistentState<KeyRingState> state, IOptions<SecurityOptions> options) : Grain, IKeyRingGrain
{
    private const string SealedPrefix = "sealed:";

    public async Task<KeyMaterial> GetOrCreateAsync()
    {
        var fileKey = options.Value.KeyFile is { Length: > 0 } path ? KeyFile.ReadOrCreate(path) : null;
        if (state.State.Keys is not { } stored)
        {
            var keys = new KeyMaterial(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            state.State = new KeyRingState { Keys = Seal(keys, fileKey) };
            await state.WriteStateAsync();
            return keys;
        }

        var open = new KeyMaterial(Open(stored.SigningKey, fileKey), Open(stored.EncryptionKey, fileKey));
        if (fileKey is not null && !stored.SigningKey.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            state.State = new KeyRingState { Keys = Seal(open, fileKey) };
            await state.WriteStateAsync();
        }

        return open;
    }

    private static KeyMaterial Seal(KeyMaterial keys, byte[]? fileKey) => fileKey is null
        ? keys
        : new KeyMaterial(SealedPrefix + SecretProtector.Protect(keys.SigningKey, fileKey), SealedPrefix + SecretProtector.Protect(keys.EncryptionKey, fileKey));

    private string Open(string stored, byte[]? fileKey)
    {
        if (!stored.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        if (fileKey is null)
        {
            throw new InvalidOperationException("The stored keys are sealed with a key file, but no Auth:KeyFile is configured.");
        }

        try
        {
            return SecretProtector.Unprotect(stored[SealedPrefix.Length..], fileKey);
        }
        catch (CryptographicException error)
        {
            throw new InvalidOperationException($"The key file {options.Value.KeyFile} does not open the stored keys: it is not the file this database was created with.", error);
        }
    }
}
