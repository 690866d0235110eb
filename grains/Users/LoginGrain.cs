using Microsoft.Extensions.Options;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

/// <summary>
/// Sign-in for one e-mail address. An unknown address costs the same PBKDF2 work, counts
/// failures the same way and ends in the same outcome as a wrong password.
/// </summary>
public sealed class LoginGrain(IOptions<SecurityOptions> options, AuditTrail audit) : Grain, ILoginGrain
{
    private static readonly PasswordHash s_decoy = PasswordHasher.Hash(Secrets.NewToken(), 1);

    public async Task<LoginOutcome> LoginAsync(LoginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = this.GetPrimaryKeyString();
        var account = GrainFactory.GetGrain<ILoginThrottleGrain>("account:" + email);
        var address = GrainFactory.GetGrain<ILoginThrottleGrain>("address:" + (request.ClientAddress ?? "unknown"));
        var accountCheck = await account.CheckAsync();
        var addressCheck = await address.CheckAsync();
        if (!accountCheck.Allowed || !addressCheck.Allowed)
        {
            await audit.RecordAsync("auth.login", null, email, null, request.ClientAddress, AuditOutcomes.Denied, "throttled");
            return new LoginOutcome(LoginStatus.Throttled, RetryAfter: accountCheck.RetryAfter > addressCheck.RetryAfter ? accountCheck.RetryAfter : addressCheck.RetryAfter);
        }

        var userId = await GrainFactory.GetGrain<IEmailIndexGrain>(email).GetUserIdAsync();
        LoginOutcome outcome;
        if (userId is null)
        {
            PasswordHasher.Verify(request.Password ?? "", s_decoy with { Iterations = options.Value.PasswordIterations });
            await audit.RecordAsync("auth.login", null, email, null, request.ClientAddress, AuditOutcomes.Failure, "invalid credentials");
            outcome = LoginOutcome.Failed;
        }
        else
        {
            outcome = await GrainFactory.GetGrain<IUserGrain>(userId).VerifyLoginAsync(request);
        }

        if (outcome.Status == LoginStatus.InvalidCredentials)
        {
            await account.RecordFailureAsync();
            await address.RecordFailureAsync();
        }
        else if (outcome.Status == LoginStatus.Succeeded)
        {
            await account.ResetAsync();
        }

        return outcome;
    }
}
