namespace PyAirtable.GrainInterfaces.Security;

/// <summary>The caller is known but may not do this (HTTP 403).</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException()
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
