namespace PyAirtable.GrainInterfaces.Security;

/// <summary>Too many wrong passwords or codes for this account lately (HTTP 429 with <c>Retry-After</c>).</summary>
public sealed class TooManyAttemptsException : Exception
{
    public TooManyAttemptsException()
    {
    }

    public TooManyAttemptsException(string message)
        : base(message)
    {
    }

    public TooManyAttemptsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TooManyAttemptsException(string message, TimeSpan retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>How long to wait before the next attempt.</summary>
    public TimeSpan RetryAfter { get; }
}
