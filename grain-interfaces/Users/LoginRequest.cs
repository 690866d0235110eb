namespace PyAirtable.GrainInterfaces.Users;

/// <summary>A sign-in attempt as it reaches the grains.</summary>
public sealed record LoginRequest(string Password, string? TotpCode, string? ClientAddress);
