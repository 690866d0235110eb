using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// One connected Airtable base of one workspace (key <c>{workspaceId}/{baseId}</c>): every request
/// for the base goes through it. It keeps Airtable's limits (5 requests a second per base, 50 per
/// token) by queueing callers up to a deadline, pauses on Airtable's 429, retries what is safe to
/// retry, opens a circuit on repeated failures, caches reads and drops exactly what a write
/// changes, and sends identical reads that are in flight together only once.
/// </summary>
public interface IBaseGrain : IGrainWithStringKey
{
    /// <summary>Attaches the base to a connection whose token can see it.</summary>
    Task<ConnectedBaseInfo> ConnectAsync(string connectionId, string name);

    [ReadOnly]
    Task<ConnectedBaseInfo?> GetInfoAsync();

    /// <summary>Sends a request for this base (records, comments, schema) and returns Airtable's answer as it is.</summary>
    /// <exception cref="AirtableGatewayException">Busy past the deadline, token refused, Airtable unavailable, or circuit open.</exception>
    Task<AirtableResponse> SendAsync(AirtableRequest request);

    /// <summary>Records of a table (fields by field id); a page size above Airtable's 100 is collected from several of its pages.</summary>
    Task<RecordPage> ListRecordsAsync(string table, RecordQuery query);

    /// <summary>One record (fields by field id).</summary>
    /// <exception cref="KeyNotFoundException">Airtable does not know the table or the record.</exception>
    Task<RecordData> GetRecordAsync(string table, string recordId);

    /// <summary>Creates (no id) and updates (id) records in batches of at most 10, in order.</summary>
    /// <exception cref="RecordWriteException">A batch failed after others were written.</exception>
    Task<IReadOnlyList<RecordData>> WriteRecordsAsync(string table, IReadOnlyList<RecordWrite> records, bool typecast, string? actorId);

    /// <summary>Deletes records in batches of at most 10, in order.</summary>
    /// <exception cref="RecordWriteException">A batch failed after others were deleted.</exception>
    Task DeleteRecordsAsync(string table, IReadOnlyList<string> recordIds, string? actorId);

    /// <summary>The base's tables as Airtable describes them (<c>{"tables":[…]}</c>), from the cache when it can.</summary>
    Task<AirtableResponse> GetSchemaAsync();

    /// <summary>Drops the cached schema and reads it again from Airtable.</summary>
    Task<AirtableResponse> RefreshSchemaAsync();

    [ReadOnly]
    Task<GatewayStatistics> GetStatisticsAsync();

    /// <summary>Detaches the base and drops its caches.</summary>
    Task DisconnectAsync();
}
