namespace PyAirtable.Api.V0;

/// <summary>Ends a <c>/v0</c> request with an Airtable error; thrown by parsing and access checks.</summary>
public sealed class V0Exception : Exception
{
    public V0Exception()
    {
    }

    public V0Exception(string message)
        : base(message)
    {
    }

    public V0Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public V0Exception(AirtableError error)
        : base(error?.Message) => Error = error ?? AirtableError.ServerError;

    public AirtableError Error { get; } = AirtableError.ServerError;
}
