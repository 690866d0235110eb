namespace PyAirtable.Runtime.Storage;

/// <summary>
/// Thrown by <see cref="IRuntimeStorage.InitializeAsync"/> when the database cannot be reached
/// or used. The message is one paragraph for an operator: what failed, in plain words, and what
/// to change. It never contains a password.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
