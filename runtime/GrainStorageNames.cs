namespace PyAirtable.Runtime;

/// <summary>Well-known storage and stream provider names.</summary>
public static class GrainStorageNames
{
    /// <summary>The storage (and stream provider) configured for the silo.</summary>
    public const string Default = "Default";
}
