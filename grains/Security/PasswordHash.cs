namespace PyAirtable.Grains.Security;

/// <summary>A stored password hash with the parameters that made it, so the cost can be raised later.</summary>
public sealed record PasswordHash(string Algorithm, int Iterations, string Salt, string Hash);
