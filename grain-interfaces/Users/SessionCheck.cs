namespace PyAirtable.GrainInterfaces.Users;

/// <summary>What the authentication handler checks on every request: an access token is only as good as this.</summary>
public sealed record SessionCheck(bool Exists, bool Disabled, int SecurityStamp, bool IsPlatformAdmin, bool MustChangePassword);
