using System.Diagnostics.Metrics;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>The gateway's metrics (meter <c>PyAirtable.Airtable</c>), exported with the others when OTLP is configured.</summary>
public static class GatewayInstruments
{
    public const string MeterName = "PyAirtable.Airtable";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("pyairtable.airtable.requests", description: "Requests for connected bases");

    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("pyairtable.airtable.cache.hits", description: "Reads served from the gateway's cache");

    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>("pyairtable.airtable.cache.misses", description: "Reads the cache could not serve");

    public static readonly Counter<long> CacheEvictions = Meter.CreateCounter<long>("pyairtable.airtable.cache.evictions", description: "Cached reads dropped for room");

    public static readonly Counter<long> Coalesced = Meter.CreateCounter<long>("pyairtable.airtable.coalesced", description: "Reads that shared an identical read already in flight");

    public static readonly Counter<long> UpstreamCalls = Meter.CreateCounter<long>("pyairtable.airtable.upstream.calls", description: "Requests sent to Airtable");

    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("pyairtable.airtable.upstream.rate_limited", description: "429 answers from Airtable");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("pyairtable.airtable.upstream.retries", description: "Retries after 5xx, timeouts and network errors");
}
