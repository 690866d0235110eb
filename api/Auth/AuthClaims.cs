namespace PyAirtable.Api.Auth;

/// <summary>Claim names of PyAirtable principals.</summary>
public static class AuthClaims
{
    public const string Scheme = "PyAirtable";
    public const string Subject = "sub";
    public const string Stamp = "stamp";
    public const string Kind = "kind";
    public const string UserKind = "user";
    public const string ApiKeyKind = "apikey";
    public const string Workspace = "ws";
    public const string Scope = "scope";
    public const string KeyId = "kid";
    public const string PlatformAdmin = "platform_admin";
    public const string PasswordChangePending = "pwd_change";
}
