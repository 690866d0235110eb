namespace PyAirtable.GrainInterfaces.Users;

/// <summary>What a new account starts with; <see cref="MustChangePassword"/> is set for the bootstrap administrator.</summary>
public sealed record RegisterUserRequest(string Email, string Password, string? DisplayName, bool IsPlatformAdmin = false, bool MustChangePassword = false, string? ClientAddress = null);
