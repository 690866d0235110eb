namespace PyAirtable.Grains.ConnectedBases;

/// <summary>
/// Configuration section <c>Airtable</c> (environment <c>PYAIRTABLE__Airtable__…</c>): where Airtable's
/// API is, its limits, and how the gateway queues, retries and caches.
/// </summary>
public sealed class AirtableOptions
{
    public const string SectionName = "Airtable";

    /// <summary>The API root; another PyAirtable silo in Airtable parity mode works as well.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.airtable.com");

    /// <summary>Airtable's limit per base.</summary>
    public int RequestsPerSecondPerBase { get; set; } = 5;

    /// <summary>Airtable's limit per token, shared by all bases of the token.</summary>
    public int RequestsPerSecondPerToken { get; set; } = 50;

    /// <summary>
    /// Added to the one-second window when spacing requests (204 ms apart per base at the defaults),
    /// so that jitter on the way to Airtable does not make 6 requests land in one of its seconds.
    /// </summary>
    public int WindowPaddingMilliseconds { get; set; } = 20;

    /// <summary>How long a request may wait for its turn before it fails with "Airtable is busy" (below the grain call timeout).</summary>
    public int QueueTimeoutSeconds { get; set; } = 20;

    /// <summary>At most this many requests wait for one base at a time; more fail at once with "Airtable is busy".</summary>
    public int MaxQueuedRequests { get; set; } = 1000;

    /// <summary>How long to pause a base after a 429 that gives no Retry-After (Airtable's penalty).</summary>
    public int PenaltySeconds { get; set; } = 30;

    /// <summary>Timeout of one request to Airtable.</summary>
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Retries of reads and of writes safe to repeat after 5xx, timeouts and network errors.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>The circuit opens when at least this share of the requests in the sampling window failed…</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many were made in it.</summary>
    public int CircuitMinimumThroughput { get; set; } = 6;

    public int CircuitSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open circuit fails requests fast before one is let through to test Airtable.</summary>
    public int CircuitBreakSeconds { get; set; } = 30;

    /// <summary>How long list and record reads are served from cache (0 turns the cache off).</summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>How long the base schema is served from cache.</summary>
    public int SchemaCacheSeconds { get; set; } = 300;

    /// <summary>After expiry, serve the stale entry this much longer while one request refreshes it (0: off).</summary>
    public int StaleWhileRevalidateSeconds { get; set; }

    /// <summary>Cached responses per base; the oldest go first.</summary>
    public int MaxCacheEntries { get; set; } = 2000;

    /// <summary>How often each connected base is polled for changes made in Airtable (0 turns polling off).</summary>
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>At most this many poll requests a second per base, and only while no caller waits, so callers keep the rest of the budget.</summary>
    public double PollRequestsPerSecond { get; set; } = 1;
}
