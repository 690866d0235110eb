namespace PyAirtable.Runtime.Messaging.Requests;

/// <summary>A queued call of a grain interface method with a result.</summary>
internal sealed class MethodRequest<TResult>(GrainMethod method, object?[]? args, long chainId) : GrainRequest(chainId)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override string Name => method.Name;

    public override bool AlwaysInterleave => method.AlwaysInterleave;

    public override bool ReadOnly => method.ReadOnly;

    public override Task ResultTask => _completion.Task;

    public override Task Execute(Grain grain) => method.InvokeOnGrain(grain, args);

    public override void Complete(Task grainTask) => Propagate(_completion, grainTask, static t => ((Task<TResult>)t).Result);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
