using System.Security.Cryptography;

namespace PyAirtable.Grains.Security;

/// <summary>PBKDF2-HMAC-SHA256 with a per-user 128-bit salt and a 256-bit hash.</summary>
public static class PasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";

    public static PasswordHash Hash(string password, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return new PasswordHash(Algorithm, iterations, Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, PasswordHash stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Algorithm != Algorithm)
        {
            return false;
        }

        var expected = Convert.FromBase64String(stored.Hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(stored.Salt), stored.Iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether a verified hash should be replaced because the configured cost went up.</summary>
    public static bool NeedsUpgrade(PasswordHash stored, int iterations) =>
        stored is null || stored.Algorithm != Algorithm || stored.Iterations < iterations;
}
