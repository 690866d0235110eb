using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace PyAirtable.Grains.Security.DataProtection;

/// <summary>
/// Encrypts Data Protection's keys at rest with AES-256-GCM under a key derived (HKDF) from
/// <c>Auth:EncryptionKey</c>, so a copy of the database alone does not open the stored tokens
/// when that key comes from configuration (a Kubernetes secret, say).
/// </summary>
public sealed class KeyRingEncryptor(AuthKeys keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedKey = SecretProtector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), KeyRingKey.Get(keys));
        return new EncryptedXmlInfo(new XElement("encryptedKey", new XElement("value", sealedKey)), typeof(KeyRingDecryptor));
    }
}

/// <summary>Opens what <see cref="KeyRingEncryptor"/> sealed; Data Protection creates it with the application's services.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var sealedKey = encryptedElement.Element("value")?.Value ?? throw new CryptographicException("The stored data-protection key has no value.");
        return XElement.Parse(SecretProtector.Unprotect(sealedKey, KeyRingKey.Get(services.GetRequiredService<AuthKeys>())));
    }
}

internal static class KeyRingKey
{
    private static readonly byte[] s_info = Encoding.ASCII.GetBytes("PyAirtable data-protection key ring v1");

    /// <summary>Data Protection asks synchronously; the keys are loaded once (and at start by the warm-up), off any grain's scheduler.</summary>
    public static byte[] Get(AuthKeys keys) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Task.Run(keys.GetEncryptionKeyAsync).GetAwaiter().GetResult(), 32, info: s_info);
}
