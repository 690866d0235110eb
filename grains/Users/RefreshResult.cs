namespace PyAirtable.Grains.Users;

/// <summary>What presenting a refresh token does.</summary>
public enum RefreshResult
{
    Rotated,
    Reused,
    Invalid,
}
