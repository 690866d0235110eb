namespace PyAirtable.Runtime.Messaging.Requests;

/// <summary>Work the runtime itself runs as a turn of a grain: timer ticks, reminders, stream deliveries.</summary>
internal sealed class SystemRequest(string name, Func<Grain, Task> body, bool interleave, bool keepAlive, bool boundToActivation = false)
    : GrainRequest(CallContext.NewChainId())
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override string Name => name;

    public override bool AlwaysInterleave => interleave;

    public override bool KeepAlive => keepAlive;

    public override bool BoundToActivation => boundToActivation;

    public override Task ResultTask => _completion.Task;

    public override Task Execute(Grain grain)
    {
        try
        {
            return body(grain);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    public override void Complete(Task grainTask)
    {
        if (grainTask.IsFaulted)
        {
            _completion.TrySetException(grainTask.Exception!.InnerExceptions);
        }
        else if (grainTask.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
