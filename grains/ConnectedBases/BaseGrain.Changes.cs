using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.LocalBases.Events;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>
/// Change detection by polling: every <see cref="AirtableOptions.PollIntervalSeconds"/> each table's
/// record ids are listed (deletions, creations) and the records modified since the last poll are read
/// (<c>LAST_MODIFIED_TIME()</c>, <c>CREATED_TIME()</c>); what differs from the last snapshot is dropped
/// from the cache and published on <c>base/{baseId}</c> as local bases do. Writes through PyAirtable
/// update the snapshot and publish their own events, so the poll does not report them again.
/// </summary>
public sealed partial class BaseGrain
{
    /// <summary>A poll also reads records modified this long before the last poll started: clocks and timestamps are coarse.</summary>
    private static readonly TimeSpan s_pollOverlap = TimeSpan.FromSeconds(2);

    private const string PollReminder = "poll";

    private static readonly TimeSpan s_reminderPeriod = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, Dictionary<string, RecordData>> _snapshots = new(StringComparer.Ordinal);
    private IGrainTimer? _pollTimer;
    private DateTimeOffset _lastPollRequest;
    private DateTimeOffset? _lastPollStart;
    private bool _polling;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartPolling();
        return Task.CompletedTask;
    }

    /// <summary>The reminder brings the base back after a restart or a deactivation, so that its polling goes on.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        StartPolling();
        await KeepPollingAsync();
    }

    /// <summary>A durable reminder while the base is connected and polling is on; none otherwise.</summary>
    private async Task KeepPollingAsync()
    {
        var wanted = state.RecordExists && _options.PollIntervalSeconds > 0;
        var reminder = await GetReminder(PollReminder);
        if (wanted && reminder is null)
        {
            await RegisterOrUpdateReminder(PollReminder, s_reminderPeriod, s_reminderPeriod);
        }
        else if (!wanted && reminder is not null)
        {
            await UnregisterReminder(reminder);
        }
    }

    private void StartPolling()
    {
        if (_pollTimer is null && state.RecordExists && _options.PollIntervalSeconds > 0)
        {
            var period = TimeSpan.FromSeconds(_options.PollIntervalSeconds);
            _pollTimer = RegisterGrainTimer(_ => PollAsync(), new GrainTimerCreationOptions(period, period) { Interleave = true, KeepAlive = true });
        }
    }

    private void StopPolling()
    {
        _pollTimer?.Dispose();
        _pollTimer = null;
        _snapshots.Clear();
        _lastPollStart = null;
    }

    /// <summary>One poll of every table; skipped while one runs, abandoned (and retried next time) when Airtable fails.</summary>
    private async Task PollAsync()
    {
        if (_polling || !state.RecordExists)
        {
            return;
        }

        _polling = true;
        var started = time.GetUtcNow();
        try
        {
            foreach (var (tableId, primaryFieldId) in await PollTablesAsync())
            {
                await PollTableAsync(tableId, primaryFieldId);
            }

            _lastPollStart = started;
        }
        catch (Exception error) when (error is AirtableGatewayException or HttpRequestException or JsonException or KeyNotFoundException)
        {
            Log.PollFailed(logger, BaseId, error.Message);
        }
        finally
        {
            _polling = false;
        }
    }

    private async Task<List<(string Id, string PrimaryFieldId)>> PollTablesAsync()
    {
        // The schema comes from the cache when it can: it changes rarely and costs a request.
        var response = await SendAsync(AirtableRequest.Get($"/v0/meta/bases/{BaseId}/tables"));
        if (!response.Succeeded)
        {
            throw new AirtableGatewayException(AirtableFailure.Refused, $"Airtable refused to send the schema ({response.Status}).", null, response.Status, response.Body);
        }

        using var json = JsonDocument.Parse(response.Body);
        return json.RootElement.GetProperty("tables").EnumerateArray()
            .Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("primaryFieldId").GetString()!)).ToList();
    }

    private async Task PollTableAsync(string tableId, string primaryFieldId)
    {
        if (!_snapshots.TryGetValue(tableId, out var snapshot) || _lastPollStart is not { } since)
        {
            _snapshots[tableId] = (await PollListAsync(tableId, new RecordQuery())).ToDictionary(r => r.Id, StringComparer.Ordinal);
            return;
        }

        var ids = (await PollListAsync(tableId, new RecordQuery { Fields = [primaryFieldId] })).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var after = (since - s_pollOverlap).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var formula = $"OR(IS_AFTER(LAST_MODIFIED_TIME(), '{after}'), IS_AFTER(CREATED_TIME(), '{after}'))";
        var modified = await PollListAsync(tableId, new RecordQuery { FilterByFormula = formula });

        var deleted = snapshot.Values.Where(r => !ids.Contains(r.Id)).ToList();
        var created = new List<RecordData>();
        var updated = new List<RecordChange>();
        foreach (var record in modified.Where(r => ids.Contains(r.Id)))
        {
            if (!snapshot.TryGetValue(record.Id, out var before))
            {
                created.Add(record);
            }
            else if (ChangedFields(before, record) is { Count: > 0 } changed)
            {
                updated.Add(new RecordChange(record.Id, changed, before, record));
            }

            snapshot[record.Id] = record;
        }

        foreach (var record in deleted)
        {
            snapshot.Remove(record.Id);
        }

        var changedIds = created.Select(r => r.Id).Concat(updated.Select(c => c.RecordId)).Concat(deleted.Select(r => r.Id)).ToHashSet(StringComparer.Ordinal);
        if (changedIds.Count == 0)
        {
            return;
        }

        _cache.Invalidate(new GatewayRoute(GatewayRoute.Kinds.WriteRecords, tableId, null, changedIds, false, ""));
        _inFlight.Clear();
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.ChangesDetected(logger, BaseId, tableId, created.Count, updated.Count, deleted.Count);
        }

        await PublishAsync(Events(tableId, created, updated, deleted, actorId: null));
    }

    /// <summary>Every record of a table that matches <paramref name="query"/>, through the poll's share of the rate budget.</summary>
    private async Task<List<RecordData>> PollListAsync(string tableId, RecordQuery query)
    {
        var records = new List<RecordData>();
        string? offset = null;
        do
        {
            var response = await PollSendAsync(AirtableRequest.Get(TablePath(tableId) + "?" + QueryString(query with { PageSize = AirtablePageSize, Offset = offset })));
            var page = JsonSerializer.Deserialize<Page>(response.Body, JsonSerializerOptions.Web) ?? throw Malformed();
            records.AddRange(page.Records);
            offset = page.Offset;
        }
        while (offset is not null);

        return records;
    }

    /// <summary>
    /// A poll's request goes out only while no caller waits for the base, and at most
    /// <see cref="AirtableOptions.PollRequestsPerSecond"/> a second, so most of Airtable's budget stays for callers.
    /// </summary>
    private async Task<AirtableResponse> PollSendAsync(AirtableRequest request)
    {
        var spacing = TimeSpan.FromSeconds(1.0 / Math.Max(0.1, _options.PollRequestsPerSecond));
        var giveUp = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(5, _options.PollIntervalSeconds));
        while (_waiting > 0 || time.GetUtcNow() < _lastPollRequest + spacing)
        {
            if (time.GetUtcNow() > giveUp)
            {
                throw new AirtableGatewayException(AirtableFailure.Busy, "Callers kept the base busy; the poll waits for the next round.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        _lastPollRequest = time.GetUtcNow();
        var response = await SendUpstreamAsync(request, GatewayRoute.Parse(BaseId, request));
        return response.Succeeded
            ? response
            : throw new AirtableGatewayException(AirtableFailure.Refused, $"Airtable refused a poll ({response.Status}).", null, response.Status, response.Body);
    }

    /// <summary>After a write through PyAirtable: the snapshot takes the written records, and their events are published with the actor.</summary>
    private async Task NoteWrittenAsync(string table, IReadOnlyList<RecordData> records, bool created, bool deleted, string? actorId)
    {
        var tableId = await TableIdAsync(table);
        if (tableId is null)
        {
            return;
        }

        _snapshots.TryGetValue(tableId, out var snapshot);
        var news = new List<RecordData>();
        var changes = new List<RecordChange>();
        var gone = new List<RecordData>();
        foreach (var record in records)
        {
            RecordData? before = null;
            snapshot?.TryGetValue(record.Id, out before);
            if (deleted)
            {
                gone.Add(before ?? record);
                snapshot?.Remove(record.Id);
                continue;
            }

            if (created)
            {
                news.Add(record);
            }
            else if ((before is null ? [.. record.Fields.Keys] : ChangedFields(before, record)) is { Count: > 0 } changed)
            {
                changes.Add(new RecordChange(record.Id, changed, before ?? record, record));
            }

            if (snapshot is not null)
            {
                snapshot[record.Id] = record;
            }
        }

        await PublishAsync(Events(tableId, news, changes, gone, actorId));
    }

    /// <summary>The table's id, from the (cached) schema; null when Airtable does not answer with it.</summary>
    private async Task<string?> TableIdAsync(string table)
    {
        AirtableResponse response;
        try
        {
            response = await SendAsync(AirtableRequest.Get($"/v0/meta/bases/{BaseId}/tables"));
        }
        catch (AirtableGatewayException error)
        {
            // The write succeeded; without the schema its events wait for the poll to find the change.
            Log.PollFailed(logger, BaseId, error.Message);
            return null;
        }

        if (!response.Succeeded)
        {
            return null;
        }

        using var json = JsonDocument.Parse(response.Body);
        return json.RootElement.GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("id").GetString() == table || t.GetProperty("name").GetString() == table)
            .Select(t => t.GetProperty("id").GetString()).FirstOrDefault();
    }

    private IEnumerable<object> Events(string tableId, List<RecordData> created, List<RecordChange> updated, List<RecordData> deleted, string? actorId)
    {
        var now = time.GetUtcNow();
        if (created.Count > 0)
        {
            yield return new RecordsCreated(BaseId, tableId, created, actorId, now);
        }

        if (updated.Count > 0)
        {
            yield return new RecordsUpdated(BaseId, tableId, updated, actorId, now);
        }

        if (deleted.Count > 0)
        {
            yield return new RecordsDeleted(BaseId, tableId, deleted, actorId, now);
        }
    }

    private async Task PublishAsync(IEnumerable<object> events)
    {
        var list = events.ToList();
        if (list.Count > 0)
        {
            await GetStreamProvider("Default").GetStream<object>(StreamId.Create(BaseStreams.Namespace, BaseId)).OnNextBatchAsync(list);
        }
    }

    /// <summary>The field ids whose values differ between two versions of a record (absent means empty).</summary>
    public static IReadOnlyList<string> ChangedFields(RecordData before, RecordData after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Fields.Keys.Union(after.Fields.Keys, StringComparer.Ordinal)
            .Where(f => !(before.Fields.TryGetValue(f, out var a) && after.Fields.TryGetValue(f, out var b) && JsonElement.DeepEquals(a, b)))
            .ToList();
    }
}
