namespace PyAirtable.Api.Auth;

public sealed record RegisteredUser(string Id, string Email, string? DisplayName);
