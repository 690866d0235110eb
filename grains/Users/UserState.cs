using PyAirtable.Grains.Security;

namespace PyAirtable.Grains.Users;

public sealed record UserState
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public PasswordHash? Password { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsPlatformAdmin { get; init; }

    public bool MustChangePassword { get; init; }

    public bool Disabled { get; init; }

    /// <summary>Goes up whenever every session must end; access tokens carry the value they were issued with.</summary>
    public int SecurityStamp { get; init; }

    /// <summary>The TOTP seed, encrypted; null while 2FA is off.</summary>
    public string? TotpSecret { get; init; }

    public string? PendingTotpSecret { get; init; }

    /// <summary>The last TOTP step accepted: codes of that step or earlier are refused (no replay).</summary>
    public long TotpLastStep { get; init; }

    public IReadOnlyList<string> RecoveryCodeHashes { get; init; } = [];

    public IReadOnlyList<RefreshFamily> RefreshFamilies { get; init; } = [];

    public IReadOnlyList<string> Memberships { get; init; } = [];
}
