using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.Grains.Security;

/// <summary>
/// The signing and encryption keys: from configuration (<c>Auth:SigningKey</c>,
/// <c>Auth:EncryptionKey</c>) when set, otherwise generated once and stored by <see cref="IKeyRingGrain"/>.
/// </summary>
public sealed class AuthKeys(IOptions<SecurityOptions> options, IServiceProvider services)
{
    private Task<(byte[] Signing, byte[] Encryption)>? _keys;

    public async Task<byte[]> GetSigningKeyAsync() => (await GetAsync().ConfigureAwait(false)).Signing;

    public async Task<byte[]> GetEncryptionKeyAsync() => (await GetAsync().ConfigureAwait(false)).Encryption;

    private Task<(byte[] Signing, byte[] Encryption)> GetAsync()
    {
        var keys = Volatile.Read(ref _keys);
        if (keys is null || keys.IsFaulted)
        {
            Interlocked.CompareExchange(ref _keys, LoadAsync(), keys);
        }

        return _keys!;
    }

    private async Task<(byte[] Signing, byte[] Encryption)> LoadAsync()
    {
        var configured = options.Value;
        KeyMaterial? stored = null;
        if (string.IsNullOrWhiteSpace(configured.SigningKey) || string.IsNullOrWhiteSpace(configured.EncryptionKey))
        {
            var factory = (IGrainFactory)services.GetService(typeof(IGrainFactory))!;
            stored = await factory.GetGrain<IKeyRingGrain>("default").GetOrCreateAsync().ConfigureAwait(false);
        }

        return (Decode(configured.SigningKey is { Length: > 0 } s ? s : stored!.SigningKey, "Auth:SigningKey"),
            Decode(configured.EncryptionKey is { Length: > 0 } e ? e : stored!.EncryptionKey, "Auth:EncryptionKey"));
    }

    private static byte[] Decode(string value, string setting)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length >= 32
                ? bytes
                : throw new InvalidOperationException($"{setting} must be base64 of at least 32 random bytes.");
        }
        catch (FormatException error)
        {
            throw new InvalidOperationException($"{setting} must be base64 of at least 32 random bytes.", error);
        }
    }
}
