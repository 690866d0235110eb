namespace PyAirtable.GrainInterfaces.Users;

/// <summary>A user as the user and administrators see them; never secrets.</summary>
public sealed record UserProfile(
    string Id,
    string Email,
    string? DisplayName,
    bool TwoFactorEnabled,
    bool IsPlatformAdmin,
    bool MustChangePassword,
    bool Disabled,
    DateTimeOffset CreatedAt);
