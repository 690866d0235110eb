using System.Net.Mail;

namespace PyAirtable.Grains.Users;

/// <summary>E-mail validation and the normalized form the index is keyed by.</summary>
public static class EmailAddress
{
    public static string Normalize(string email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>The normalized address, or <see cref="ArgumentException"/> when it is not one.</summary>
    public static string Validate(string? email, string parameterName)
    {
        var normalized = Normalize(email ?? "");
        if (normalized.Length is 0 or > 254 || !MailAddress.TryCreate(normalized, out var parsed) || parsed.Address != normalized || !normalized.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A valid e-mail address is required.", parameterName);
        }

        return normalized;
    }
}
