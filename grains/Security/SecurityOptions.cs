namespace PyAirtable.Grains.Security;

/// <summary>Configuration section <c>Auth</c>: password hashing cost, token lifetimes, keys.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Auth";

    /// <summary>OWASP's 2023 minimum for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultPasswordIterations = 600_000;

    /// <summary>PBKDF2 iterations for new hashes; stored hashes with fewer are upgraded at the next sign-in.</summary>
    public int PasswordIterations { get; set; } = DefaultPasswordIterations;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Absolute lifetime of a refresh-token family, however often it is rotated.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>JWT signing key, base64 of at least 32 bytes; generated and stored at first start when absent.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Key that encrypts stored secrets (TOTP seeds), base64 of 32 bytes; generated and stored at first start when absent.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>
    /// A local file holding 32 random bytes that seal the generated keys stored in the database
    /// (embedded mode sets it to <c>{data folder}/pyairtable.key</c>, created at first start,
    /// readable by its owner only). A copy of the database alone then opens nothing.
    /// </summary>
    public string? KeyFile { get; set; }

    public string Issuer { get; set; } = "pyairtable";

    public string Audience { get; set; } = "pyairtable-api";

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
