namespace PyAirtable.GrainInterfaces.Users;

/// <summary>
/// The result of a sign-in or refresh. On success it carries the new refresh token (shown once,
/// stored only hashed) and what goes into the access token; when throttled, how long to wait.
/// </summary>
public sealed record LoginOutcome(
    LoginStatus Status,
    string? UserId = null,
    string? RefreshToken = null,
    int SecurityStamp = 0,
    TimeSpan? RetryAfter = null)
{
    public static LoginOutcome Failed { get; } = new(LoginStatus.InvalidCredentials);
}
