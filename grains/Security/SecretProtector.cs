using System.Security.Cryptography;
using System.Text;

namespace PyAirtable.Grains.Security;

/// <summary>AES-256-GCM for secrets that must be stored recoverably (TOTP seeds): nonce ‖ tag ‖ ciphertext, base64.</summary>
public static class SecretProtector
{
    public static string Protect(string plaintext, byte[] key)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[12 + 16 + data.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), data, output.AsSpan(28), output.AsSpan(12, 16));
        return Convert.ToBase64String(output);
    }

    public static string Unprotect(string protectedText, byte[] key)
    {
        var input = Convert.FromBase64String(protectedText);
        var data = new byte[input.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(input.AsSpan(0, 12), input.AsSpan(28), input.AsSpan(12, 16), data);
        return Encoding.UTF8.GetString(data);
    }
}
