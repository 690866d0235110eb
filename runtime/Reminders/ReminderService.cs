using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PyAirtable.Runtime.Messaging.Requests;
using PyAirtable.Runtime.Telemetry;

namespace PyAirtable.Runtime.Reminders;

/// <summary>
/// Durable reminders. All registered reminders sit in one due-time queue served by one timer,
/// so 100,000 reminders cost one timer and no polling; the table is read once at start and
/// written when reminders are registered, removed or fire.
/// </summary>
internal sealed partial class ReminderService(SiloRuntime runtime) : IAsyncDisposable
{
    internal static readonly Histogram<double> Lateness =
        RuntimeInstruments.Meter.CreateHistogram<double>("pyairtable.runtime.reminder.lateness", "ms", "How late reminders fire");

    private readonly Lock _lock = new();
    private readonly PriorityQueue<Scheduled, DateTimeOffset> _queue = new();
    private readonly Dictionary<(GrainId, string), Scheduled> _active = new();
    private readonly List<ReminderEntry> _pendingNextDue = [];
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;
    private Task _flushing = Task.CompletedTask;
    private bool _started;

    private IReminderTable Table => runtime.Storage.Reminders;

    public int RegisteredCount
    {
        get
        {
            lock (_lock)
            {
                return _active.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var entries = await Table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _timer = runtime.TimeProvider.CreateTimer(static s => ((ReminderService)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _started = true;
            foreach (var entry in entries)
            {
                ScheduleLocked(entry);
            }
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(Grain grain, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (grain is not IRemindable)
        {
            throw new InvalidOperationException($"Grain {grain.GrainId} must implement IRemindable to register reminders.");
        }

        if (period < runtime.Options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder's period must be at least {runtime.Options.MinimumReminderPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var first = runtime.TimeProvider.GetUtcNow() + dueTime;
        var entry = new ReminderEntry(grain.GrainId, name, first, period, first);
        await Table.UpsertRowAsync(entry, CancellationToken.None).ConfigureAwait(true);
        lock (_lock)
        {
            ScheduleLocked(entry);
        }

        return new GrainReminder(name, period);
    }

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        await Table.RemoveRowAsync(grainId, name, CancellationToken.None).ConfigureAwait(true);
        lock (_lock)
        {
            if (_active.Remove((grainId, name), out var scheduled))
            {
                scheduled.Cancelled = true;
            }
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string name)
    {
        var rows = await Table.ReadRowsAsync(grainId, CancellationToken.None).ConfigureAwait(true);
        return rows.Where(r => r.Name == name).Select(r => new GrainReminder(r.Name, r.Period)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grainId)
    {
        var rows = await Table.ReadRowsAsync(grainId, CancellationToken.None).ConfigureAwait(true);
        return [.. rows.Select(r => new GrainReminder(r.Name, r.Period))];
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _started = false;
            _timer?.Dispose();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await FlushNextDueAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void ScheduleLocked(ReminderEntry entry)
    {
        var key = (entry.GrainId, entry.Name);
        if (_active.TryGetValue(key, out var previous))
        {
            previous.Cancelled = true;
        }

        var scheduled = new Scheduled(entry);
        _active[key] = scheduled;
        _queue.Enqueue(scheduled, entry.NextDue);
        ArmLocked();
    }

    private void ArmLocked()
    {
        while (_queue.TryPeek(out var head, out _) && head.Cancelled)
        {
            _queue.Dequeue();
        }

        if (!_started || !_queue.TryPeek(out _, out var due) || due >= _armedFor)
        {
            return;
        }

        _armedFor = due;

        // Rounded up to whole milliseconds: timers truncate, and a timer that fires a fraction of
        // a millisecond early finds nothing due and re-arms, spinning.
        var delay = due - runtime.TimeProvider.GetUtcNow();
        var milliseconds = delay <= TimeSpan.Zero ? 0 : Math.Ceiling(delay.TotalMilliseconds);
        _timer!.Change(TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        List<Scheduled> due = [];
        lock (_lock)
        {
            _armedFor = DateTimeOffset.MaxValue;
            var now = runtime.TimeProvider.GetUtcNow();
            while (_queue.TryPeek(out var head, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (!head.Cancelled)
                {
                    due.Add(head);
                }
            }

            ArmLocked();
        }

        foreach (var scheduled in due)
        {
            _ = FireAsync(scheduled);
        }
    }

    private async Task FireAsync(Scheduled scheduled)
    {
        var entry = scheduled.Entry;
        var firedAt = runtime.TimeProvider.GetUtcNow();
        Lateness.Record((firedAt - entry.NextDue).TotalMilliseconds);
        var status = new TickStatus(entry.StartAt, entry.Period, firedAt);
        try
        {
            var request = new SystemRequest("reminder:" + entry.Name,
                grain => grain is IRemindable remindable
                    ? remindable.ReceiveReminder(entry.Name, status)
                    : throw new InvalidOperationException($"Grain {entry.GrainId} has a reminder but does not implement IRemindable."),
                interleave: false, keepAlive: true);
            await runtime.Dispatcher.InvokeSystem(entry.GrainId, request).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.ReminderFailed(runtime.Logger, entry.Name, entry.GrainId, exception);
        }

        var next = entry with { NextDue = ReminderSchedule.NextTickAfter(entry.StartAt, entry.Period, runtime.TimeProvider.GetUtcNow()) };
        lock (_lock)
        {
            if (scheduled.Cancelled || !_started)
            {
                return;
            }

            scheduled.Entry = next;
            _queue.Enqueue(scheduled, next.NextDue);
            ArmLocked();
            _pendingNextDue.Add(next);
            if (_flushing.IsCompleted)
            {
                _flushing = Task.Run(DelayedFlushAsync);
            }
        }
    }

    private async Task DelayedFlushAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), runtime.TimeProvider, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await FlushNextDueAsync().ConfigureAwait(false);
    }

    private async Task FlushNextDueAsync()
    {
        List<ReminderEntry> batch;
        lock (_lock)
        {
            batch = [.. _pendingNextDue];
            _pendingNextDue.Clear();
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await Table.UpdateNextDueAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.NextDueNotSaved(runtime.Logger, batch.Count, exception);
        }
    }

    private sealed class Scheduled(ReminderEntry entry)
    {
        public ReminderEntry Entry { get; set; } = entry;

        public bool Cancelled { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Name} of {GrainId} failed")]
        public static partial void ReminderFailed(ILogger logger, string name, GrainId grainId, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the next due time of {Count} reminders; they may fire again after a restart")]
        public static partial void NextDueNotSaved(ILogger logger, int count, Exception exception);
    }
}
