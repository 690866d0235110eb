using PyAirtable.Grains.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

/// <summary>TOTP set-up, enabling, disabling and second-factor checks.</summary>
public sealed partial class UserGrain
{
    /// <summary>Starts turning 2FA on; like every change of 2FA, password or e-mail it needs the current password.</summary>
    public async Task<TwoFactorSetup> BeginTwoFactorSetupAsync(string password, string? clientAddress)
    {
        var user = User;
        if (user.TotpSecret is not null)
        {
            throw new ConflictException("Two-factor authentication is already enabled; disable it first.");
        }

        await RequirePasswordAsync(user, password, "user.2fa-setup", clientAddress);
        user = User;

        var secret = Base32.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        state.State = user with { PendingTotpSecret = SecretProtector.Protect(secret, await EncryptionKeyAsync()) };
        await state.WriteStateAsync();
        return new TwoFactorSetup(secret, Totp.OtpauthUri(options.Value.Issuer, user.Email!, secret));
    }

    public async Task<IReadOnlyList<string>> EnableTwoFactorAsync(string code, string? clientAddress)
    {
        var user = User;
        if (user.PendingTotpSecret is null)
        {
            throw new ConflictException("Start two-factor set-up first.");
        }

        var secret = Base32.Decode(SecretProtector.Unprotect(user.PendingTotpSecret, await EncryptionKeyAsync()));
        if (Totp.Match(secret, code, time.GetUtcNow(), 0) is not { } step)
        {
            throw new CredentialsRejectedException("The code is wrong or expired.");
        }

        var codes = Enumerable.Range(0, 10).Select(_ => Secrets.NewToken(8)).ToList();
        state.State = user with
        {
            TotpSecret = user.PendingTotpSecret,
            PendingTotpSecret = null,
            TotpLastStep = step,
            RecoveryCodeHashes = [.. codes.Select(Secrets.Sha256)],
            SecurityStamp = user.SecurityStamp + 1,
            RefreshFamilies = RefreshTokenRules.Revoke(user.RefreshFamilies, _ => true),
        };
        await state.WriteStateAsync();
        await audit.RecordAsync("user.2fa-enable", Id, Id, null, clientAddress);
        return codes;
    }

    public async Task DisableTwoFactorAsync(string password, string code, string? clientAddress)
    {
        var user = User;
        if (user.TotpSecret is null)
        {
            throw new ConflictException("Two-factor authentication is not enabled.");
        }

        await RequirePasswordAsync(user, password, "user.2fa-disable", clientAddress);
        if (!await TryConsumeSecondFactorAsync(code))
        {
            await GrainFactory.GetGrain<ILoginThrottleGrain>("account:" + user.Email).RecordFailureAsync();
            await audit.RecordAsync("user.2fa-disable", Id, Id, null, clientAddress, AuditOutcomes.Failure, "invalid second factor");
            throw new CredentialsRejectedException("The code is wrong or expired.");
        }

        state.State = state.State with { TotpSecret = null, TotpLastStep = 0, RecoveryCodeHashes = [] };
        await state.WriteStateAsync();
        await audit.RecordAsync("user.2fa-disable", Id, Id, null, clientAddress);
    }

    /// <summary>Accepts a TOTP code of a step not used before, or an unused recovery code; either is consumed (persisted).</summary>
    private async Task<bool> TryConsumeSecondFactorAsync(string? code)
    {
        var user = state.State;
        var trimmed = code?.Trim() ?? "";
        var secret = Base32.Decode(SecretProtector.Unprotect(user.TotpSecret!, await EncryptionKeyAsync()));
        if (Totp.Match(secret, trimmed, time.GetUtcNow(), user.TotpLastStep) is { } step)
        {
            state.State = user with { TotpLastStep = step };
            await state.WriteStateAsync();
            return true;
        }

        var hash = Secrets.Sha256(trimmed);
        if (trimmed.Length > 0 && user.RecoveryCodeHashes.Contains(hash))
        {
            state.State = user with { RecoveryCodeHashes = [.. user.RecoveryCodeHashes.Where(h => h != hash)] };
            await state.WriteStateAsync();
            return true;
        }

        return false;
    }

    private async Task<byte[]> EncryptionKeyAsync() => (await keys.GetEncryptionKeyAsync())[..32];
}
