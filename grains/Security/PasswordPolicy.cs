using System.Collections.Frozen;

namespace PyAirtable.Grains.Security;

/// <summary>Password rules (OWASP ASVS 2.1): 8–128 characters, not a commonly used password.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    private static readonly Lazy<FrozenSet<string>> s_common = new(LoadCommonPasswords);

    /// <summary>Null when the password is acceptable, otherwise why not.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"The password must have at least {MinimumLength} characters.";
        }

        if (password.Length > MaximumLength)
        {
            return $"The password must have at most {MaximumLength} characters.";
        }

        return s_common.Value.Contains(password)
            ? "This password is too common; choose one that is not on lists of frequently used passwords."
            : null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the password breaks a rule.</summary>
    public static void Enforce(string? password, string parameterName)
    {
        if (Check(password) is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("PyAirtable.Grains.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } word)
            {
                words.Add(word);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
