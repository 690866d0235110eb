using Microsoft.Extensions.Options;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

public sealed partial class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IOptions<SecurityOptions> options,
    AuthKeys keys,
    AuditTrail audit,
    TimeProvider time) : Grain, IUserGrain
{
    private string Id => this.GetPrimaryKeyString();

    private UserState User => state.RecordExists ? state.State : throw new KeyNotFoundException("No such user.");

    public async Task<UserProfile> CreateAsync(RegisterUserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = EmailAddress.Validate(request.Email, "email");
        PasswordPolicy.Enforce(request.Password, "password");
        var displayName = CleanDisplayName(request.DisplayName);
        if (state.RecordExists)
        {
            throw new ConflictException("This user already exists.");
        }

        if (!await GrainFactory.GetGrain<IEmailIndexGrain>(email).ClaimAsync(Id))
        {
            await audit.RecordAsync("user.register", null, email, null, request.ClientAddress, AuditOutcomes.Failure, "e-mail taken");
            throw new ConflictException("An account with this e-mail address already exists.");
        }

        state.State = new UserState
        {
            Email = email,
            DisplayName = displayName,
            Password = PasswordHasher.Hash(request.Password, options.Value.PasswordIterations),
            CreatedAt = time.GetUtcNow(),
            IsPlatformAdmin = request.IsPlatformAdmin,
            MustChangePassword = request.MustChangePassword,
            SecurityStamp = 1,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserDirectoryGrain>("all").AddAsync(Id);
        await audit.RecordAsync("user.register", Id, Id, null, request.ClientAddress);
        return Profile();
    }

    public Task<UserProfile> GetProfileAsync() => Task.FromResult(Profile());

    public Task<SessionCheck> CheckSessionAsync() => Task.FromResult(state.RecordExists
        ? new SessionCheck(true, state.State.Disabled, state.State.SecurityStamp, state.State.IsPlatformAdmin, state.State.MustChangePassword)
        : new SessionCheck(false, true, 0, false, false));

    public async Task<LoginOutcome> VerifyLoginAsync(LoginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = User;
        if (!PasswordHasher.Verify(request.Password ?? "", user.Password!) || user.Disabled)
        {
            await audit.RecordAsync("auth.login", Id, Id, null, request.ClientAddress, AuditOutcomes.Failure, user.Disabled ? "account disabled" : "invalid credentials");
            return LoginOutcome.Failed;
        }

        if (user.TotpSecret is not null)
        {
            if (string.IsNullOrWhiteSpace(request.TotpCode))
            {
                return new LoginOutcome(LoginStatus.TwoFactorRequired);
            }

            if (!await TryConsumeSecondFactorAsync(request.TotpCode))
            {
                await audit.RecordAsync("auth.login", Id, Id, null, request.ClientAddress, AuditOutcomes.Failure, "invalid second factor");
                return LoginOutcome.Failed;
            }
        }

        if (PasswordHasher.NeedsUpgrade(user.Password!, options.Value.PasswordIterations))
        {
            state.State = state.State with { Password = PasswordHasher.Hash(request.Password!, options.Value.PasswordIterations) };
        }

        var outcome = await StartFamilyAsync();
        await audit.RecordAsync("auth.login", Id, Id, null, request.ClientAddress);
        return outcome;
    }

    public async Task<LoginOutcome> RefreshAsync(string refreshToken, string? clientAddress)
    {
        if (!state.RecordExists || state.State.Disabled)
        {
            return LoginOutcome.Failed;
        }

        var token = NewRefreshToken();
        var now = time.GetUtcNow();
        var (result, families) = RefreshTokenRules.Rotate(state.State.RefreshFamilies, Secrets.Sha256(refreshToken ?? ""), Secrets.Sha256(token), now);
        if (result == RefreshResult.Invalid)
        {
            return LoginOutcome.Failed;
        }

        state.State = state.State with { RefreshFamilies = families };
        await state.WriteStateAsync();
        if (result == RefreshResult.Reused)
        {
            await audit.RecordAsync("auth.refresh-reuse", Id, Id, null, clientAddress, AuditOutcomes.Denied, "refresh token family revoked");
            return LoginOutcome.Failed;
        }

        return new LoginOutcome(LoginStatus.Succeeded, Id, token, state.State.SecurityStamp);
    }

    public async Task LogoutAsync(string refreshToken, string? clientAddress)
    {
        if (!state.RecordExists)
        {
            return;
        }

        var hash = Secrets.Sha256(refreshToken ?? "");
        state.State = state.State with
        {
            RefreshFamilies = RefreshTokenRules.Revoke(state.State.RefreshFamilies, f => f.CurrentHash == hash || f.UsedHashes.Contains(hash)),
        };
        await state.WriteStateAsync();
        await audit.RecordAsync("auth.logout", Id, Id, null, clientAddress);
    }

    public async Task LogoutAllAsync(string? clientAddress)
    {
        await EndAllSessionsAsync(User);
        await audit.RecordAsync("auth.logout-all", Id, Id, null, clientAddress);
    }

    public async Task<UserProfile> UpdateProfileAsync(string? displayName, string? email, string? currentPassword, string? clientAddress)
    {
        var user = User;
        var updated = displayName is null ? user : user with { DisplayName = CleanDisplayName(displayName) };
        if (email is not null && EmailAddress.Validate(email, "email") is var normalized && normalized != user.Email)
        {
            await RequirePasswordAsync(user, currentPassword, "user.email-change", clientAddress);
            if (!await GrainFactory.GetGrain<IEmailIndexGrain>(normalized).ClaimAsync(Id))
            {
                throw new ConflictException("An account with this e-mail address already exists.");
            }

            await GrainFactory.GetGrain<IEmailIndexGrain>(user.Email!).ReleaseAsync(Id);
            updated = updated with { Email = normalized };
            await audit.RecordAsync("user.email-change", Id, Id, null, clientAddress);
        }

        state.State = updated;
        await state.WriteStateAsync();
        return Profile();
    }

    public async Task ChangePasswordAsync(string currentPassword, string newPassword, string? clientAddress)
    {
        var user = User;
        await RequirePasswordAsync(user, currentPassword, "user.password-change", clientAddress);
        PasswordPolicy.Enforce(newPassword, "newPassword");
        if (PasswordHasher.Verify(newPassword, user.Password!))
        {
            throw new ArgumentException("The new password must differ from the current one.", nameof(newPassword));
        }

        await EndAllSessionsAsync(user with { Password = PasswordHasher.Hash(newPassword, options.Value.PasswordIterations), MustChangePassword = false });
        await audit.RecordAsync("user.password-change", Id, Id, null, clientAddress);
    }

    public async Task AddMembershipAsync(string workspaceId)
    {
        if (state.RecordExists && !state.State.Memberships.Contains(workspaceId))
        {
            state.State = state.State with { Memberships = [.. state.State.Memberships, workspaceId] };
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveMembershipAsync(string workspaceId)
    {
        if (state.RecordExists && state.State.Memberships.Contains(workspaceId))
        {
            state.State = state.State with { Memberships = [.. state.State.Memberships.Where(w => w != workspaceId)] };
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetMembershipsAsync() => Task.FromResult(state.RecordExists ? state.State.Memberships : []);

    public async Task SetDisabledAsync(bool disabled, Caller admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var user = User;
        if (admin.UserId == Id && disabled)
        {
            throw new ConflictException("Administrators cannot disable their own account.");
        }

        await EndAllSessionsAsync(user with { Disabled = disabled });
        await audit.RecordAsync(disabled ? "admin.user-disable" : "admin.user-enable", admin.UserId, Id, null, admin.ClientAddress);
    }

    private async Task EndAllSessionsAsync(UserState updated)
    {
        state.State = updated with
        {
            SecurityStamp = updated.SecurityStamp + 1,
            RefreshFamilies = RefreshTokenRules.Revoke(updated.RefreshFamilies, _ => true),
        };
        await state.WriteStateAsync();
    }

    private async Task<LoginOutcome> StartFamilyAsync()
    {
        var token = NewRefreshToken();
        var now = time.GetUtcNow();
        var family = new RefreshFamily(Secrets.NewId(), now, now + options.Value.RefreshTokenLifetime, Secrets.Sha256(token), [], false);
        state.State = state.State with { RefreshFamilies = RefreshTokenRules.Add(state.State.RefreshFamilies, family, now) };
        await state.WriteStateAsync();
        return new LoginOutcome(LoginStatus.Succeeded, Id, token, state.State.SecurityStamp);
    }

    /// <summary>Refresh tokens name their user so the API knows which grain to ask: the secret part carries the 256 random bits.</summary>
    private string NewRefreshToken() => Id + "." + Secrets.NewToken();

    /// <summary>
    /// Checks a re-entered password. Wrong ones count against the account's sign-in throttle, so
    /// a stolen session cannot be used to guess the password (or, with it, the second factor).
    /// </summary>
    private async Task RequirePasswordAsync(UserState user, string? password, string action, string? clientAddress)
    {
        var throttle = await CheckReentryThrottleAsync(user);
        if (password is null || !PasswordHasher.Verify(password, user.Password!))
        {
            await throttle.RecordFailureAsync();
            await audit.RecordAsync(action, Id, Id, null, clientAddress, AuditOutcomes.Failure, "wrong current password");
            throw new CredentialsRejectedException("The current password is wrong.");
        }
    }

    /// <summary>The account's sign-in throttle, once it allows another attempt.</summary>
    private async Task<ILoginThrottleGrain> CheckReentryThrottleAsync(UserState user)
    {
        var throttle = GrainFactory.GetGrain<ILoginThrottleGrain>("account:" + user.Email);
        var check = await throttle.CheckAsync();
        return check.Allowed ? throttle : throw new TooManyAttemptsException("Too many wrong passwords or codes; wait before trying again.", check.RetryAfter);
    }

    private static string? CleanDisplayName(string? displayName)
    {
        var trimmed = displayName?.Trim();
        return trimmed is { Length: > 100 }
            ? throw new ArgumentException("The display name must have at most 100 characters.", nameof(displayName))
            : string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private UserProfile Profile()
    {
        var user = User;
        return new UserProfile(Id, user.Email!, user.DisplayName, user.TotpSecret is not null, user.IsPlatformAdmin, user.MustChangePassword, user.Disabled, user.CreatedAt);
    }
}
