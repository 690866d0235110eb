using System.Reflection;
using PyAirtable.Runtime.Messaging.Requests;

namespace PyAirtable.Runtime.Messaging;

/// <summary>A grain method returning <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/>.</summary>
internal sealed class GrainMethod<TResult>(MethodInfo method) : GrainMethod(method)
{
    public override object? ToReturnValue(Task task) => IsValueTask ? new ValueTask<TResult>((Task<TResult>)task) : task;

    public override Task WithTimeout(Task task, TimeSpan timeout) => ((Task<TResult>)task).WaitAsync(timeout);

    public override Task FromException(Exception exception) => Task.FromException<TResult>(exception);

    public override GrainRequest CreateRequest(object?[]? args, long chainId) => new MethodRequest<TResult>(this, args, chainId);

    protected override Task ToTask(object grainResult) => grainResult is ValueTask<TResult> valueTask
        ? (valueTask.IsCompletedSuccessfully ? Task.FromResult(valueTask.Result) : valueTask.AsTask())
        : (Task<TResult>)grainResult;
}
