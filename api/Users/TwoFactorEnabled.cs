namespace PyAirtable.Api.Users;

/// <summary>Ten single-use recovery codes, shown once.</summary>
public sealed record TwoFactorEnabled(IReadOnlyList<string> RecoveryCodes);
