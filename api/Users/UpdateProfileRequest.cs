namespace PyAirtable.Api.Users;

public sealed record UpdateProfileRequest(string? DisplayName, string? Email, string? CurrentPassword);
