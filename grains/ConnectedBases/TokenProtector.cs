using Microsoft.AspNetCore.DataProtection;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>Encrypts Airtable tokens for storage with ASP.NET Data Protection (purpose-bound, key ring in the database).</summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("PyAirtable.AirtableToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);

    /// <summary>Protects and opens a probe value: loads the key ring, creating its first key if there is none.</summary>
    public void CheckRoundTrip()
    {
        const string Probe = "key ring check";
        if (Unprotect(Protect(Probe)) != Probe)
        {
            throw new InvalidOperationException("The data-protection key ring did not round-trip a value.");
        }
    }

    /// <summary>What a connection may show of its token: Airtable's prefix and the last four characters.</summary>
    public static string Hint(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot is > 0 and <= 20 ? token[..dot] : token[..Math.Min(3, token.Length)];
        return token.Length <= 12 ? "…" : $"{prefix}…{token[^4..]}";
    }
}
