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
    // Created on first use: most calls complete on the caller's thread and never queue, and an
    // empty ConcurrentQueue costs about 1 KB, most of an idle activation's memory.
    private ConcurrentQueue<(SendOrPostCallback Callback, object? State)>? _items;
    private int _owned;

    private bool IsEmpty => Volatile.Read(ref _items) is not { } items || items.IsEmpty;

    public override void Post(SendOrPostCallback d, object? state)
    {
        var items = Volatile.Read(ref _items);
        if (items is null)
        {
            Interlocked.CompareExchange(ref _items, new ConcurrentQueue<(SendOrPostCallback, object?)>(), null);
            items = _items;
        }

        items.Enqueue((d, state));
        ScheduleIfIdle();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Takes the scheduler for a synchronous run on the calling thread; false when it is busy.</summary>
    public bool TryAcquire() => IsEmpty && Interlocked.CompareExchange(ref _owned, 1, 0) == 0;

    /// <summary>Gives the scheduler back after <see cref="TryAcquire"/>; queued work then runs on the pool.</summary>
    public void Release()
    {
        Volatile.Write(ref _owned, 0);
        if (!IsEmpty)
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
            var items = Volatile.Read(ref _items);
            for (var i = 0; items is not null && i < MaxItemsPerSlice && items.TryDequeue(out var item); i++)
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
