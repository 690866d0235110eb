namespace PyAirtable.GrainInterfaces.Users;

/// <summary>A pending TOTP secret (base32) and the URI authenticator apps scan.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpauthUri);
