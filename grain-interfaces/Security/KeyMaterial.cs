namespace PyAirtable.GrainInterfaces.Security;

/// <summary>A JWT signing key and a key for encrypting stored secrets (TOTP seeds), base64.</summary>
public sealed record KeyMaterial(string SigningKey, string EncryptionKey);
