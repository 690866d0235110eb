namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>What an API key may do in its workspace: read (viewer), write (editor), admin (admin).</summary>
public enum ApiKeyScope
{
    Read = 1,
    Write = 2,
    Admin = 3,
}
