namespace PyAirtable.GrainInterfaces.Security;

/// <summary>The request contradicts the current state (HTTP 409): a taken e-mail, the last owner leaving.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
