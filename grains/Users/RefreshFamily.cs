namespace PyAirtable.Grains.Users;

/// <summary>A chain of rotated refresh tokens from one sign-in: only the current one works, a used one revokes the chain.</summary>
public sealed record RefreshFamily(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string CurrentHash, IReadOnlyList<string> UsedHashes, bool Revoked);
