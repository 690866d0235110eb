namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// A write of many records to a connected base stopped part way: the batches of 10 before the failing
/// one reached Airtable (<see cref="Written"/>, the record ids), the rest did not (<see cref="NotWritten"/>,
/// indexes into the request). <see cref="Cause"/> is why Airtable refused or failed the batch.
/// </summary>
public sealed class RecordWriteException : Exception
{
    public RecordWriteException()
    {
    }

    public RecordWriteException(string message)
        : base(message)
    {
    }

    public RecordWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RecordWriteException(string message, IReadOnlyList<string> written, IReadOnlyList<int> notWritten, AirtableGatewayException cause)
        : base(message, cause)
    {
        Written = written;
        NotWritten = notWritten;
        Cause = cause;
    }

    public IReadOnlyList<string> Written { get; } = [];

    public IReadOnlyList<int> NotWritten { get; } = [];

    public AirtableGatewayException? Cause { get; }
}
