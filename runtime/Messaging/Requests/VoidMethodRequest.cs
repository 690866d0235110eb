namespace PyAirtable.Runtime.Messaging.Requests;

/// <summary>A queued call of a grain interface method without a result.</summary>
internal sealed class VoidMethodRequest(GrainMethod method, object?[]? args, long chainId) : GrainRequest(chainId)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override string Name => method.Name;

    public override bool AlwaysInterleave => method.AlwaysInterleave;

    public override bool ReadOnly => method.ReadOnly;

    public override Task ResultTask => _completion.Task;

    public override Task Execute(Grain grain) => method.InvokeOnGrain(grain, args);

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
