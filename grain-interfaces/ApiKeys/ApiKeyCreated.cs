namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>A new key: <see cref="Key"/> (<c>pyat_</c> + id + secret) is shown once and stored only hashed.</summary>
public sealed record ApiKeyCreated(string Id, string Key, ApiKeyInfo Info);
