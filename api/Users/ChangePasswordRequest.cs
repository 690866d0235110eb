namespace PyAirtable.Api.Users;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
