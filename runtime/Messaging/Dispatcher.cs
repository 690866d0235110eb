using PyAirtable.Runtime.Messaging.Requests;

namespace PyAirtable.Runtime.Messaging;

/// <summary>
/// Every grain call passes through here: the placement director picks the owning silo, and the
/// call goes to the local activation or is forwarded to its owner.
/// </summary>
internal sealed class Dispatcher(SiloRuntime runtime, IPlacementDirector placement, IRemoteGrainInvoker? remote)
{
    public Task Invoke(GrainId grainId, GrainMethod method, object?[]? args)
    {
        var chainId = CallContext.CurrentOrNewChainId();
        if (!IsLocal(grainId, out var owner))
        {
            var request = method.CreateRequest(args, chainId);
            Forward(owner, grainId, request);
            return method.WithTimeout(request.ResultTask, runtime.Options.CallTimeout);
        }

        var activation = runtime.Catalog.GetOrCreate(grainId);
        if (activation.TryActivateInline(chainId) is { } activationError)
        {
            return method.FromException(activationError);
        }

        var task = activation.Invoke(method, args, chainId);
        return task.IsCompleted ? task : method.WithTimeout(task, runtime.Options.CallTimeout);
    }

    /// <summary>Runs runtime work (timer tick, reminder, stream event) as a turn of the grain, activating it if needed.</summary>
    public Task InvokeSystem(GrainId grainId, SystemRequest request)
    {
        Resubmit(grainId, request);
        return request.ResultTask.WaitAsync(runtime.Options.CallTimeout);
    }

    /// <summary>Sends a request to wherever the grain lives now (after a deactivation raced with it).</summary>
    public void Resubmit(GrainId grainId, GrainRequest request)
    {
        if (!IsLocal(grainId, out var owner))
        {
            Forward(owner, grainId, request);
            return;
        }

        runtime.Catalog.GetOrCreate(grainId).Submit(request);
    }

    private void Forward(SiloAddress owner, GrainId grainId, GrainRequest request)
    {
        if (remote is null)
        {
            request.Fail(new InvalidOperationException(
                $"Grain {grainId} is placed on silo {owner.Name}, but this silo has no cluster transport configured."));
            return;
        }

        remote.Forward(owner, grainId, request);
    }

    private bool IsLocal(GrainId grainId, out SiloAddress owner)
    {
        owner = placement.PlaceGrain(grainId);
        return owner == runtime.LocalSilo;
    }
}
