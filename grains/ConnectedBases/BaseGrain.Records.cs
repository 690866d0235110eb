using System.Globalization;
using System.Text;
using System.Text.Json;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>Typed record reads and writes for the REST API, sent as Airtable's own requests through <see cref="SendAsync"/>.</summary>
public sealed partial class BaseGrain
{
    /// <summary>Airtable's largest page and largest write batch.</summary>
    public const int AirtablePageSize = 100;
    public const int AirtableBatchSize = 10;

    public async Task<RecordPage> ListRecordsAsync(string table, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var wanted = query.PageSize ?? AirtablePageSize;
        if (wanted < 1)
        {
            throw new ArgumentException("pageSize must be at least 1.", nameof(query));
        }

        var records = new List<RecordData>();
        var offset = query.Offset;
        do
        {
            var page = await ReadPageAsync(table, query with { PageSize = Math.Min(AirtablePageSize, wanted - records.Count), Offset = offset });
            records.AddRange(page.Records);
            offset = page.Offset;
        }
        while (offset is not null && records.Count < wanted);

        return new RecordPage(records, offset);
    }

    public async Task<RecordData> GetRecordAsync(string table, string recordId)
    {
        var response = Check(await SendAsync(AirtableRequest.Get($"{TablePath(table)}/{Uri.EscapeDataString(recordId)}?returnFieldsByFieldId=true")), "the record");
        return JsonSerializer.Deserialize<RecordData>(response.Body, JsonSerializerOptions.Web) ?? throw Malformed();
    }

    public async Task<IReadOnlyList<RecordData>> WriteRecordsAsync(string table, IReadOnlyList<RecordWrite> records, bool typecast, string? actorId)
    {
        ArgumentNullException.ThrowIfNull(records);
        var written = new List<RecordData>();
        foreach (var batch in Batches(records))
        {
            var create = records[batch[0]].Id is null;
            var body = JsonSerializer.Serialize(new
            {
                records = batch.Select(i => create ? (object)new { fields = records[i].Fields } : new { id = records[i].Id, fields = records[i].Fields }),
                typecast,
                returnFieldsByFieldId = true,
            }, JsonSerializerOptions.Web);
            try
            {
                var response = Check(await SendAsync(new AirtableRequest(create ? "POST" : "PATCH", TablePath(table), body)), null);
                var page = JsonSerializer.Deserialize<Page>(response.Body, JsonSerializerOptions.Web) ?? throw Malformed();
                written.AddRange(page.Records);
                await NoteWrittenAsync(table, page.Records, created: create, deleted: false, actorId);
            }
            catch (AirtableGatewayException failure)
            {
                throw PartWritten(written.Select(r => r.Id).ToList(), Enumerable.Range(batch[0], records.Count - batch[0]).ToList(), failure);
            }
        }

        return written;
    }

    public async Task DeleteRecordsAsync(string table, IReadOnlyList<string> recordIds, string? actorId)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var deleted = new List<string>();
        for (var start = 0; start < recordIds.Count; start += AirtableBatchSize)
        {
            var batch = recordIds.Skip(start).Take(AirtableBatchSize).ToList();
            var query = string.Join("&", batch.Select(id => "records%5B%5D=" + Uri.EscapeDataString(id)));
            try
            {
                Check(await SendAsync(new AirtableRequest("DELETE", TablePath(table) + "?" + query)), null);
                deleted.AddRange(batch);
                await NoteWrittenAsync(table, batch.Select(id => new RecordData(id, default, new Dictionary<string, JsonElement>())).ToList(), created: false, deleted: true, actorId);
            }
            catch (AirtableGatewayException failure)
            {
                throw PartWritten(deleted, Enumerable.Range(start, recordIds.Count - start).ToList(), failure);
            }
        }
    }

    /// <summary>Runs of creates or of updates, in the request's order, of at most 10 records each (indexes into the request).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Batches(IReadOnlyList<RecordWrite> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batches = new List<IReadOnlyList<int>>();
        List<int>? current = null;
        for (var i = 0; i < records.Count; i++)
        {
            if (current is null || current.Count == AirtableBatchSize || (records[current[0]].Id is null) != (records[i].Id is null))
            {
                batches.Add(current = []);
            }

            current.Add(i);
        }

        return batches;
    }

    private async Task<RecordPage> ReadPageAsync(string table, RecordQuery query)
    {
        var response = Check(await SendAsync(AirtableRequest.Get(TablePath(table) + "?" + QueryString(query))), "the table");
        var page = JsonSerializer.Deserialize<Page>(response.Body, JsonSerializerOptions.Web) ?? throw Malformed();
        return new RecordPage(page.Records, page.Offset);
    }

    private string TablePath(string table) => $"/v0/{BaseId}/{Uri.EscapeDataString(table)}";

    /// <summary>Airtable's list parameters, with fields keyed by field id.</summary>
    public static string QueryString(RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new StringBuilder("returnFieldsByFieldId=true");
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                parts.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("pageSize", query.PageSize?.ToString(CultureInfo.InvariantCulture));
        Add("maxRecords", query.MaxRecords?.ToString(CultureInfo.InvariantCulture));
        Add("offset", query.Offset);
        Add("view", query.View);
        Add("filterByFormula", query.FilterByFormula);
        for (var i = 0; i < (query.Sort?.Count ?? 0); i++)
        {
            Add($"sort[{i}][field]", query.Sort![i].Field);
            Add($"sort[{i}][direction]", query.Sort[i].Direction);
        }

        foreach (var field in query.Fields ?? [])
        {
            Add("fields[]", field);
        }

        return parts.ToString();
    }

    /// <summary>
    /// Airtable's answer when it succeeded; a read's 404 as not found (<paramref name="what"/>), other refusals
    /// with Airtable's error body kept (a write's too, so that a batch's failure is reported with what was written before it).
    /// </summary>
    private static AirtableResponse Check(AirtableResponse response, string? what) => response.Status switch
    {
        >= 200 and < 300 => response,
        404 when what is not null => throw new KeyNotFoundException($"Airtable does not know {what}."),
        _ => throw new AirtableGatewayException(AirtableFailure.Refused, $"Airtable refused the request ({response.Status}).", null, response.Status, response.Body),
    };

    private static AirtableGatewayException Malformed() => new(AirtableFailure.Unavailable, "Airtable answered with a body PyAirtable cannot read.");

    private static RecordWriteException PartWritten(List<string> written, List<int> notWritten, AirtableGatewayException failure) =>
        new($"Airtable failed a batch: {written.Count} records were written, {notWritten.Count} were not.", written, notWritten, failure);

    private sealed record Page(IReadOnlyList<RecordData> Records, string? Offset);
}
