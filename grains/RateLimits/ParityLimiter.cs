namespace PyAirtable.Grains.RateLimits;

/// <summary>
/// Airtable's rate limit as a pure state machine: at most <c>limit</c> requests in any second;
/// the request over it is refused and starts a penalty during which every request is refused.
/// Not thread-safe: its owner (a grain) runs one turn at a time.
/// </summary>
public sealed class ParityLimiter
{
    private readonly Queue<DateTimeOffset> _admitted = new();
    private DateTimeOffset _penaltyEnds = DateTimeOffset.MinValue;

    /// <summary>Null when the request may go ahead; otherwise how long until requests are accepted again.</summary>
    public TimeSpan? TryAdmit(DateTimeOffset now, int limit, TimeSpan penalty)
    {
        if (now < _penaltyEnds)
        {
            return _penaltyEnds - now;
        }

        while (_admitted.Count > 0 && now - _admitted.Peek() >= TimeSpan.FromSeconds(1))
        {
            _admitted.Dequeue();
        }

        if (_admitted.Count >= Math.Max(1, limit))
        {
            _penaltyEnds = now + penalty;
            _admitted.Clear();
            return penalty;
        }

        _admitted.Enqueue(now);
        return null;
    }
}
