namespace PyAirtable.Api.Auth;

public sealed record LoginBody(string? Email, string? Password, string? TotpCode);
