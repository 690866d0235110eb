namespace PyAirtable.Api.Users;

public sealed record TwoFactorCodeRequest(string? Code, string? Password);
