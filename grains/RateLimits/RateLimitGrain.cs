using PyAirtable.GrainInterfaces.RateLimits;

namespace PyAirtable.Grains.RateLimits;

/// <summary>A budget in memory: losing it with the activation only forgives a penalty early.</summary>
public sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private readonly ParityLimiter _limiter = new();

    public Task<int?> TryAdmitAsync(int requestsPerSecond, int penaltySeconds)
    {
        var wait = _limiter.TryAdmit(time.GetUtcNow(), requestsPerSecond, TimeSpan.FromSeconds(Math.Max(0, penaltySeconds)));
        return Task.FromResult(wait is { } span ? (int?)Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)) : null);
    }
}
