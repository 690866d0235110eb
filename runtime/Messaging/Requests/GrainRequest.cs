namespace PyAirtable.Runtime.Messaging.Requests;

/// <summary>A unit of work waiting for a turn of an activation: a method call, a timer tick, a reminder, a stream event.</summary>
internal abstract class GrainRequest(long chainId)
{
    public long ChainId { get; } = chainId;

    public abstract string Name { get; }

    public virtual bool AlwaysInterleave => false;

    public virtual bool ReadOnly => false;

    /// <summary>Whether the request counts as activity that postpones idle collection.</summary>
    public virtual bool KeepAlive => true;

    /// <summary>Whether the request belongs to one activation (a timer tick) and is dropped rather than re-routed when that activation is gone.</summary>
    public virtual bool BoundToActivation => false;

    /// <summary>What the caller awaits.</summary>
    public abstract Task ResultTask { get; }

    /// <summary>Runs the request's body on the grain; a synchronous throw becomes a faulted task.</summary>
    public abstract Task Execute(Grain grain);

    /// <summary>Passes the outcome of the grain's task on to the caller.</summary>
    public abstract void Complete(Task grainTask);

    public abstract void Fail(Exception exception);

    protected static void Propagate<T>(TaskCompletionSource<T> completion, Task grainTask, Func<Task, T> result)
    {
        if (grainTask.IsFaulted)
        {
            completion.TrySetException(grainTask.Exception!.InnerExceptions);
        }
        else if (grainTask.IsCanceled)
        {
            completion.TrySetCanceled();
        }
        else
        {
            completion.TrySetResult(result(grainTask));
        }
    }
}
