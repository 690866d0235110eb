using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>Hands out send times for one token, evenly spaced at its limit, in the order asked; a pause moves them all.</summary>
public sealed class AirtableTokenLimiterGrain(IOptions<AirtableOptions> options, TimeProvider time) : Grain, IAirtableTokenLimiterGrain
{
    private readonly SendSchedule _schedule = new(options.Value.RequestsPerSecondPerToken, options.Value.WindowPaddingMilliseconds);

    public Task<DateTimeOffset?> ReserveAsync(DateTimeOffset notBefore, DateTimeOffset latest) =>
        Task.FromResult(_schedule.Reserve(time.GetUtcNow(), notBefore, latest));

    public Task PauseAsync(DateTimeOffset until)
    {
        _schedule.PauseUntil(until);
        return Task.CompletedTask;
    }

    public Task<int> GetRecentRateAsync() => Task.FromResult(_schedule.CountSince(time.GetUtcNow() - TimeSpan.FromSeconds(1)));
}
