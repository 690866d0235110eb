using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.GrainInterfaces.Users;

/// <summary>One account: profile, password hash, second factor, refresh-token families, workspace memberships.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; the e-mail must already be claimed for this id.</summary>
    Task<UserProfile> CreateAsync(RegisterUserRequest request);

    /// <summary>The profile; throws <see cref="KeyNotFoundException"/> when there is no such user.</summary>
    [ReadOnly]
    Task<UserProfile> GetProfileAsync();

    /// <summary>What an access token is checked against on each request.</summary>
    [ReadOnly]
    Task<SessionCheck> CheckSessionAsync();

    /// <summary>Verifies password and second factor and, when both hold, starts a refresh-token family.</summary>
    Task<LoginOutcome> VerifyLoginAsync(LoginRequest request);

    /// <summary>Rotates a refresh token; a reused one revokes its whole family.</summary>
    Task<LoginOutcome> RefreshAsync(string refreshToken, string? clientAddress);

    /// <summary>Revokes the family of one refresh token.</summary>
    Task LogoutAsync(string refreshToken, string? clientAddress);

    /// <summary>Revokes every refresh token and every access token issued so far.</summary>
    Task LogoutAllAsync(string? clientAddress);

    /// <summary>Changes the display name, and the e-mail when the current password is given.</summary>
    Task<UserProfile> UpdateProfileAsync(string? displayName, string? email, string? currentPassword, string? clientAddress);

    /// <summary>Changes the password; signs out every session.</summary>
    Task ChangePasswordAsync(string currentPassword, string newPassword, string? clientAddress);

    /// <summary>Starts TOTP set-up with a new secret, not yet enabled.</summary>
    Task<TwoFactorSetup> BeginTwoFactorSetupAsync(string password, string? clientAddress);

    /// <summary>Enables TOTP once a code of the pending secret is shown; returns ten single-use recovery codes.</summary>
    Task<IReadOnlyList<string>> EnableTwoFactorAsync(string code, string? clientAddress);

    /// <summary>Disables TOTP; needs the password and a current code or a recovery code.</summary>
    Task DisableTwoFactorAsync(string password, string code, string? clientAddress);

    /// <summary>Records a workspace membership (called by the workspace).</summary>
    Task AddMembershipAsync(string workspaceId);

    /// <summary>Forgets a workspace membership (called by the workspace).</summary>
    Task RemoveMembershipAsync(string workspaceId);

    /// <summary>The workspaces this user belongs to.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetMembershipsAsync();

    /// <summary>Disables or re-enables the account (platform administrators); disabling ends every session.</summary>
    Task SetDisabledAsync(bool disabled, Caller admin);
}
