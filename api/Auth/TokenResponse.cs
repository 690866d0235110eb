namespace PyAirtable.Api.Auth;

/// <summary>An access token (JWT) and the refresh token that renews it.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");
