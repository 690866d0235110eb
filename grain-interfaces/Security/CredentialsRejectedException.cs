namespace PyAirtable.GrainInterfaces.Security;

/// <summary>A re-entered password or second-factor code is wrong (HTTP 403, so clients do not mistake it for an expired session).</summary>
public sealed class CredentialsRejectedException : Exception
{
    public CredentialsRejectedException()
    {
    }

    public CredentialsRejectedException(string message)
        : base(message)
    {
    }

    public CredentialsRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
