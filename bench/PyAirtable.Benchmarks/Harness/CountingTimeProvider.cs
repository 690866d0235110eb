namespace PyAirtable.Benchmarks.Harness;

/// <summary>
/// The system clock and timers, counting what the runtime does with its timers: how many it
/// creates, how often it re-arms them (and how often for less than a millisecond, which a
/// timer rounds down to "now"), and how often their callbacks run.
/// </summary>
internal sealed class CountingTimeProvider : TimeProvider
{
    private long _created;
    private long _changes;
    private long _changesUnderOneMillisecond;
    private long _callbacks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override long GetTimestamp() => System.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long TimestampFrequency => System.TimestampFrequency;

    public TimerCounts Read() => new(Interlocked.Read(ref _created), Interlocked.Read(ref _changes),
        Interlocked.Read(ref _changesUnderOneMillisecond), Interlocked.Read(ref _callbacks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return new CountingTimer(this, System.CreateTimer(s =>
        {
            Interlocked.Increment(ref _callbacks);
            callback(s);
        }, state, dueTime, period));
    }

    private sealed class CountingTimer(CountingTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref owner._changes);
            if (dueTime >= TimeSpan.Zero && dueTime < TimeSpan.FromMilliseconds(1))
            {
                Interlocked.Increment(ref owner._changesUnderOneMillisecond);
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
