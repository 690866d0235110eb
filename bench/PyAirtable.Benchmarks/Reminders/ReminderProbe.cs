using PyAirtable.Benchmarks.Harness;
using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Reminders;

/// <summary>
/// Counts reminder ticks handled by grains and, while recording, how late each was when the
/// grain handled it: now minus the tick's due time (the start plus a whole number of periods).
/// </summary>
internal sealed class ReminderProbe(TimeProvider timeProvider)
{
    private long _ticks;
    private volatile bool _recording;

    public LatencyHistogram Lateness { get; } = new();

    public long Ticks => Interlocked.Read(ref _ticks);

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public void OnTick(TickStatus status)
    {
        Interlocked.Increment(ref _ticks);
        if (!_recording)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var periods = (status.CurrentTickTime - status.FirstTickTime).Ticks / status.Period.Ticks;
        var due = status.FirstTickTime + TimeSpan.FromTicks(periods * status.Period.Ticks);
        Lateness.RecordMilliseconds((now - due).TotalMilliseconds);
    }
}
