namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>What one base's gateway has done since it was activated: the same counts its metrics export.</summary>
public sealed record GatewayStatistics(
    long Requests,
    long CacheHits,
    long CacheMisses,
    long Coalesced,
    long UpstreamCalls,
    long RateLimited,
    long Retries,
    long Evictions,
    bool CircuitOpen,
    DateTimeOffset? PausedUntil);
