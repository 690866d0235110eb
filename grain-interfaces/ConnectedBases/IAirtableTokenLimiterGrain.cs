namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// Airtable's per-token limit (50 requests a second), shared by every base that uses the token:
/// hands out send times spaced evenly, so requests queue instead of bursting. Keyed by connection id.
/// </summary>
public interface IAirtableTokenLimiterGrain : IGrainWithStringKey
{
    /// <summary>
    /// The time at which a request may be sent, at or after <paramref name="notBefore"/>; null when
    /// that would be later than <paramref name="latest"/> (nothing is reserved then).
    /// </summary>
    Task<DateTimeOffset?> ReserveAsync(DateTimeOffset notBefore, DateTimeOffset latest);

    /// <summary>Airtable penalized the token: no send time before <paramref name="until"/>.</summary>
    Task PauseAsync(DateTimeOffset until);

    /// <summary>Requests per second handed out over the last second, to tell a token limit from a base limit.</summary>
    [ReadOnly]
    Task<int> GetRecentRateAsync();
}
