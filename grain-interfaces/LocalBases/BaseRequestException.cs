namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>
/// A request a base refuses, with a message written for the caller (names the field, value or
/// id at fault). Nothing of the request was applied.
/// </summary>
public sealed class BaseRequestException : Exception
{
    public BaseRequestException()
    {
    }

    public BaseRequestException(string message)
        : base(message)
    {
    }

    public BaseRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BaseRequestException(BaseError error, string message)
        : base(message) => Error = error;

    public BaseError Error { get; } = BaseError.InvalidRequest;
}
