namespace PyAirtable.GrainInterfaces.Users;

/// <summary>How a sign-in attempt ended.</summary>
public enum LoginStatus
{
    Succeeded,
    InvalidCredentials,
    TwoFactorRequired,
    Throttled,
}
