namespace PyAirtable.GrainInterfaces.RateLimits;

/// <summary>
/// One caller's request budget under Airtable parity (key: <c>base/{id}</c> or <c>key/{id}</c>),
/// held in memory by the one activation that owns it, so every silo sees the same budget.
/// </summary>
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Admits one request: null when it may go ahead, else the seconds to wait.</summary>
    Task<int?> TryAdmitAsync(int requestsPerSecond, int penaltySeconds);
}
