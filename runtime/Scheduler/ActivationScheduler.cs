using System.Collections.Concurrent;

namespace PyAirtable.Runtime.Scheduler;

/// <summary>
/// Runs an activation's work one item at a time. It is the activation's
/// <see cref="SynchronizationContext"/>, so every continuation after an await inside grain code
/// comes back here: even a reentrant grain never runs on two threads at once.
/// </summary>
internal sealed class ActivationScheduler : SynchronizationContext, IThreadPoolWorkItem
{
    private const int MaxItemsPerSlice = 64;
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _items = new();
    private int _owned;

    public override void Post(SendOrPostCallback d, object? state)
    {
        _items.Enqueue((d, state));
        ScheduleIfIdle();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Takes the scheduler for a synchronous run on the calling thread; false when it is busy.</summary>
    public bool TryAcquire() => _items.IsEmpty && Interlocked.CompareExchange(ref _owned, 1, 0) == 0;

    /// <summary>Gives the scheduler back after <see cref="TryAcquire"/>; queued work then runs on the pool.</summary>
    public void Release()
    {
        Volatile.Write(ref _owned, 0);
        if (!_items.IsEmpty)
        {
            ScheduleIfIdle();
        }
    }

    /// <summary>Runs <paramref name="action"/> on the calling thread with this scheduler as the context.</summary>
    public void RunInline(Action<object?> action, object? state)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            action(state);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < MaxItemsPerSlice && _items.TryDequeue(out var item); i++)
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
            Release();
        }
    }

    private void ScheduleIfIdle()
    {
        if (Interlocked.CompareExchange(ref _owned, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
