namespace PyAirtable.Api.Auth;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
