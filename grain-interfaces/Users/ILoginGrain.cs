namespace PyAirtable.GrainInterfaces.Users;

/// <summary>
/// Signs in one account, keyed by normalized e-mail whether or not an account exists, so
/// unknown addresses are throttled and answered exactly like wrong passwords.
/// </summary>
public interface ILoginGrain : IGrainWithStringKey
{
    /// <summary>Checks throttling, the password and the second factor; issues a refresh token on success.</summary>
    Task<LoginOutcome> LoginAsync(LoginRequest request);
}
