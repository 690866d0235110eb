namespace PyAirtable.Runtime.Hosting;

/// <summary>What readiness checks ask of the runtime.</summary>
public interface IRuntimeHealth
{
    /// <summary>Whether the runtime finished starting and is not stopping.</summary>
    bool IsStarted { get; }

    /// <summary>Which storage provider is in use (memory, sqlite, postgres) and where.</summary>
    string StorageDescription { get; }

    /// <summary>Whether storage answers.</summary>
    Task<bool> IsStorageReachableAsync(CancellationToken cancellationToken);
}
