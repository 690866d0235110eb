using System.Security.Cryptography;
using System.Text;

namespace PyAirtable.Grains.Security;

/// <summary>Random tokens and their stored form: tokens with 256 random bits need no salt or stretching, only SHA-256.</summary>
public static class Secrets
{
    /// <summary>A URL-safe random token of <paramref name="bytes"/> random bytes.</summary>
    public static string NewToken(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A random identifier: 32 lowercase hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Compares two hex hashes without leaking where they differ.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>
    /// Whether the SHA-256 of <paramref name="secret"/> (UTF-8) is <paramref name="expectedHash"/>,
    /// compared in fixed time; hashes on the stack for secrets of ordinary length.
    /// </summary>
    public static bool Sha256Matches(string secret, ReadOnlySpan<byte> expectedHash)
    {
        const int StackLimit = 256;
        var length = Encoding.UTF8.GetMaxByteCount(secret.Length);
        var rented = length > StackLimit ? new byte[length] : null;
        Span<byte> utf8 = rented ?? stackalloc byte[StackLimit];
        var written = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], hash);
        return CryptographicOperations.FixedTimeEquals(hash, expectedHash);
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
