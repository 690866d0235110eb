namespace PyAirtable.Api.Auth;

public sealed record RefreshRequest(string? RefreshToken);
