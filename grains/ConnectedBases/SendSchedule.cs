namespace PyAirtable.Grains.ConnectedBases;

/// <summary>
/// Send times at most <c>limit</c> a second: each one <c>(1 s + padding) / limit</c> after the
/// previous, never before a pause ends. Evenly spaced rather than in bursts, so that the most
/// jitter fits before two requests could fall into the same second at Airtable.
/// Not thread-safe: its owner (a grain) runs one turn at a time.
/// </summary>
public sealed class SendSchedule(int limit, int paddingMilliseconds)
{
    private readonly TimeSpan _spacing = TimeSpan.FromMilliseconds((1000.0 + Math.Max(0, paddingMilliseconds)) / Math.Max(1, limit));
    private readonly Queue<DateTimeOffset> _recent = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public DateTimeOffset PausedUntil { get; private set; } = DateTimeOffset.MinValue;

    public TimeSpan Spacing => _spacing;

    /// <summary>The next free send time at or after <paramref name="notBefore"/>, or null (nothing reserved) when it is later than <paramref name="latest"/>.</summary>
    public DateTimeOffset? Reserve(DateTimeOffset now, DateTimeOffset notBefore, DateTimeOffset latest)
    {
        var slot = Max(Max(now, notBefore), Max(_next, PausedUntil));
        if (slot > latest)
        {
            return null;
        }

        _next = slot + _spacing;
        _recent.Enqueue(slot);
        while (_recent.Count > 0 && _recent.Peek() < now - TimeSpan.FromSeconds(2))
        {
            _recent.Dequeue();
        }

        return slot;
    }

    /// <summary>What the next reservation would get, without reserving it.</summary>
    public DateTimeOffset Peek(DateTimeOffset now) => Max(now, Max(_next, PausedUntil));

    public void PauseUntil(DateTimeOffset until)
    {
        if (until > PausedUntil)
        {
            PausedUntil = until;
        }
    }

    /// <summary>Send times handed out at or after <paramref name="since"/> that are already due.</summary>
    public int CountSince(DateTimeOffset since) => _recent.Count(t => t >= since);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
