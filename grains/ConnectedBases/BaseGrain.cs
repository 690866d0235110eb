using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>
/// The gateway for one connected base of one workspace (key <c>{workspaceId}/{baseId}</c>).
/// Reentrant: many callers wait in it at once, and all its state is touched only between awaits
/// on its own scheduler (Polly is told to come back to it), so no two turns race.
/// </summary>
[Reentrant]
public sealed partial class BaseGrain(
    [PersistentState("connectedbase")] IPersistentState<ConnectedBaseState> state,
    AirtableClient client,
    TokenProtector protector,
    IOptions<AirtableOptions> options,
    TimeProvider time,
    ILogger<BaseGrain> logger) : Grain, IBaseGrain, IRemindable
{
    private readonly AirtableOptions _options = options.Value;
    private readonly SendSchedule _schedule = new(options.Value.RequestsPerSecondPerBase, options.Value.WindowPaddingMilliseconds);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Dictionary<string, RecordWriteWatch> _recordWrites = new(StringComparer.Ordinal);
    private readonly GatewayCache _cache = new(options.Value.MaxCacheEntries);
    private readonly Dictionary<string, (Task<AirtableResponse> Task, long Ticket)> _inFlight = new(StringComparer.Ordinal);
    private readonly CircuitBreakerStateProvider _circuit = new();
    private ResiliencePipeline<AirtableClient.Answer>? _pipeline;
    /// <summary>The end of the line of reservations: one caller at a time takes its send times, in arrival order.</summary>
    private Task _reserving = Task.CompletedTask;
    private string? _token;
    private int _waiting;
    private bool _learningSchema;
    private long _tickets;
    private long _requests, _hits, _misses, _coalesced, _upstream, _rateLimited, _retries;

    private string WorkspaceId => this.GetPrimaryKeyString().Split('/')[0];

    private string BaseId => this.GetPrimaryKeyString().Split('/')[1];

    public async Task<ConnectedBaseInfo> ConnectAsync(string connectionId, string name)
    {
        if (state.RecordExists && state.State.ConnectionId == connectionId)
        {
            return Info();
        }

        state.State = new ConnectedBaseState { ConnectionId = connectionId, Name = name, ConnectedAt = time.GetUtcNow() };
        _token = null;
        _cache.Invalidate(new GatewayRoute(GatewayRoute.Kinds.WriteSchema, null, null, null, false, ""));
        await state.WriteStateAsync();
        StopPolling();
        StartPolling();
        await KeepPollingAsync();
        return Info();
    }

    public Task<ConnectedBaseInfo?> GetInfoAsync() => Task.FromResult(state.RecordExists ? Info() : null);

    public async Task<AirtableResponse> SendAsync(AirtableRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireConnected();
        var route = GatewayRoute.Parse(BaseId, request);
        _requests++;
        GatewayInstruments.Requests.Add(1);
        if (!route.IsRead)
        {
            return await WriteAsync(request, route);
        }

        var now = time.GetUtcNow();
        if (_cache.TryGet(route.CacheKey, now, TimeSpan.FromSeconds(_options.StaleWhileRevalidateSeconds), out var cached, out var stale))
        {
            _hits++;
            GatewayInstruments.CacheHits.Add(1);
            if (stale && !_inFlight.ContainsKey(route.CacheKey))
            {
                _ = RevalidateAsync(request, route);
            }

            return cached;
        }

        if (_inFlight.TryGetValue(route.CacheKey, out var shared))
        {
            _coalesced++;
            GatewayInstruments.Coalesced.Add(1);
            return await shared.Task;
        }

        _misses++;
        GatewayInstruments.CacheMisses.Add(1);
        return await ReadThroughAsync(request, route);
    }

    public Task<AirtableResponse> GetSchemaAsync() => SendAsync(AirtableRequest.Get($"/v0/meta/bases/{BaseId}/tables"));

    public async Task<AirtableResponse> RefreshSchemaAsync()
    {
        RequireConnected();
        var request = AirtableRequest.Get($"/v0/meta/bases/{BaseId}/tables");
        var route = GatewayRoute.Parse(BaseId, request);
        _cache.Invalidate(new GatewayRoute(GatewayRoute.Kinds.WriteSchema, null, null, null, false, ""));
        _inFlight.Clear();
        return await ReadThroughAsync(request, route);
    }

    public Task<GatewayStatistics> GetStatisticsAsync() => Task.FromResult(new GatewayStatistics(
        _requests, _hits, _misses, _coalesced, _upstream, _rateLimited, _retries, _cache.Evictions,
        _circuit.CircuitState is CircuitState.Open or CircuitState.Isolated,
        _schedule.PausedUntil > time.GetUtcNow() ? _schedule.PausedUntil : null));

    public async Task DisconnectAsync()
    {
        StopPolling();
        _token = null;
        _cache.Invalidate(new GatewayRoute(GatewayRoute.Kinds.WriteSchema, null, null, null, false, ""));
        _inFlight.Clear();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        await KeepPollingAsync();
        DeactivateOnIdle();
    }

    /// <summary>One upstream read that identical reads arriving meanwhile share; cached when it succeeded and nothing written since it started can have changed it.</summary>
    private Task<AirtableResponse> ReadThroughAsync(AirtableRequest request, GatewayRoute route)
    {
        var schema = route.Kind == GatewayRoute.Kinds.ReadSchema;
        var generation = schema ? _cache.SchemaGeneration : _cache.Generation;
        var ticket = ++_tickets;
        var task = FetchAsync();
        if (!task.IsCompleted)
        {
            _inFlight[route.CacheKey] = (task, ticket);
        }

        return task;

        async Task<AirtableResponse> FetchAsync()
        {
            try
            {
                var response = await SendUpstreamAsync(request, route);
                var seconds = route.Kind == GatewayRoute.Kinds.ReadSchema ? _options.SchemaCacheSeconds : _options.CacheSeconds;
                if (response.Succeeded && seconds > 0 && (schema ? generation == _cache.SchemaGeneration : _cache.UnchangedSince(route, generation)))
                {
                    _cache.Put(route, response, time.GetUtcNow() + TimeSpan.FromSeconds(seconds));
                }

                return response;
            }
            finally
            {
                if (_inFlight.TryGetValue(route.CacheKey, out var current) && current.Ticket == ticket)
                {
                    _inFlight.Remove(route.CacheKey);
                }
            }
        }
    }

    /// <summary>
    /// A write: sent once (or retried when safe), then what it can have changed is dropped — even
    /// after a failure, which may have reached Airtable. A single-record PATCH or PUT answers with
    /// the whole record as a GET of the same path would, so that answer is cached for the GET
    /// (write-through), unless another write of the record overlapped it and the order at Airtable is unknown.
    /// </summary>
    private async Task<AirtableResponse> WriteAsync(AirtableRequest request, GatewayRoute route)
    {
        var recordKey = route.RecordId is null ? null : route.Table + "/" + route.RecordId;
        RecordWriteWatch? watch = null;
        if (recordKey is not null)
        {
            if (_recordWrites.TryGetValue(recordKey, out watch))
            {
                watch.Contended = true;
                watch.Count++;
            }
            else
            {
                _recordWrites[recordKey] = watch = new RecordWriteWatch();
            }
        }

        AirtableResponse? response = null;
        try
        {
            response = await SendUpstreamAsync(request, route);
            return response;
        }
        finally
        {
            _cache.Invalidate(route);
            _inFlight.Clear();
            if (watch is not null && --watch.Count == 0)
            {
                _recordWrites.Remove(recordKey!);
            }

            if (!_cache.HasSchema && route.Table is not null)
            {
                // Without the schema a write must drop every record read of the base; learn it for the next writes.
                _ = LearnSchemaAsync();
            }

            if (response is { Succeeded: true } && watch is { Contended: false } && request.Method.ToUpperInvariant() is "PATCH" or "PUT"
                && !request.PathAndQuery.Contains('?', StringComparison.Ordinal) && _options.CacheSeconds > 0)
            {
                var read = GatewayRoute.Parse(BaseId, AirtableRequest.Get(request.PathAndQuery));
                _cache.Put(read, response, time.GetUtcNow() + TimeSpan.FromSeconds(_options.CacheSeconds));
            }
        }
    }

    private async Task LearnSchemaAsync()
    {
        if (_learningSchema)
        {
            return;
        }

        _learningSchema = true;
        try
        {
            var request = AirtableRequest.Get($"/v0/meta/bases/{BaseId}/tables");
            await RevalidateAsync(request, GatewayRoute.Parse(BaseId, request));
        }
        finally
        {
            _learningSchema = false;
        }
    }

    private async Task RevalidateAsync(AirtableRequest request, GatewayRoute route)
    {
        try
        {
            await ReadThroughAsync(request, route);
        }
        catch (Exception error) when (error is AirtableGatewayException or HttpRequestException)
        {
            Log.RevalidationFailed(logger, BaseId, error.Message);
        }
    }

    private void RequireConnected()
    {
        if (!state.RecordExists)
        {
            throw new KeyNotFoundException("This base is not connected.");
        }
    }

    private ConnectedBaseInfo Info() => new(BaseId, state.State.Name, WorkspaceId, state.State.ConnectionId, state.State.ConnectedAt);

    /// <summary>Writes of one record in flight; contended once two overlapped.</summary>
    private sealed class RecordWriteWatch
    {
        public int Count { get; set; } = 1;

        public bool Contended { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Airtable paused base {BaseId} with a 429 for {Seconds} s")]
        public static partial void Paused(ILogger logger, string baseId, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Airtable refused the token of connection {ConnectionId} (HTTP {Status}); the connection needs a new token")]
        public static partial void TokenRejected(ILogger logger, string connectionId, int status);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing a stale read of base {BaseId} failed: {Reason}")]
        public static partial void RevalidationFailed(ILogger logger, string baseId, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Polling base {BaseId} failed; it is tried again next round: {Reason}")]
        public static partial void PollFailed(ILogger logger, string baseId, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Base {BaseId} table {TableId} changed in Airtable: {Created} created, {Updated} updated, {Deleted} deleted")]
        public static partial void ChangesDetected(ILogger logger, string baseId, string tableId, int created, int updated, int deleted);

        [LoggerMessage(Level = LogLevel.Information, Message = "Retrying a request of base {BaseId} after {Reason} (attempt {Attempt})")]
        public static partial void Retrying(ILogger logger, string baseId, string reason, int attempt);
    }
}
