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

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
