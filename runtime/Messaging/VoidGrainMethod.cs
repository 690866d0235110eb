using System.Reflection;
using PyAirtable.Runtime.Messaging.Requests;

namespace PyAirtable.Runtime.Messaging;

/// <summary>A grain method returning <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
internal sealed class VoidGrainMethod(MethodInfo method) : GrainMethod(method)
{
    public override object? ToReturnValue(Task task) => IsValueTask ? new ValueTask(task) : task;

    public override Task WithTimeout(Task task, TimeSpan timeout) => task.WaitAsync(timeout);

    public override Task FromException(Exception exception) => Task.FromException(exception);

    public override GrainRequest CreateRequest(object?[]? args, long chainId) => new VoidMethodRequest(this, args, chainId);

    protected override Task ToTask(object grainResult) => grainResult is ValueTask valueTask
        ? (valueTask.IsCompletedSuccessfully ? Task.CompletedTask : valueTask.AsTask())
        : (Task)grainResult;
}
