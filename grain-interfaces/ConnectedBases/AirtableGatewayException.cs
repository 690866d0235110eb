namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// The gateway gives up on a request to Airtable: <see cref="Failure"/> says why, <see cref="RetryAfterSeconds"/>
/// when to try again, and <see cref="Airtable"/> keeps Airtable's own error body when it sent one.
/// </summary>
public sealed class AirtableGatewayException : Exception
{
    public AirtableGatewayException()
    {
    }

    public AirtableGatewayException(string message)
        : base(message)
    {
    }

    public AirtableGatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AirtableGatewayException(AirtableFailure failure, string message, int? retryAfterSeconds = null, int? airtableStatus = null, string? airtable = null)
        : base(message)
    {
        Failure = failure;
        RetryAfterSeconds = retryAfterSeconds;
        AirtableStatus = airtableStatus;
        Airtable = airtable;
    }

    public AirtableFailure Failure { get; } = AirtableFailure.Unavailable;

    public int? RetryAfterSeconds { get; }

    /// <summary>The status Airtable answered with, when it answered.</summary>
    public int? AirtableStatus { get; }

    /// <summary>Airtable's error body (JSON), when it sent one.</summary>
    public string? Airtable { get; }
}
