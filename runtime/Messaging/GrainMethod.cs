using System.Linq.Expressions;
using System.Reflection;

namespace PyAirtable.Runtime.Messaging;

/// <summary>
/// One grain interface method, compiled once: how to call it on a grain, how to shape its result
/// for the caller, and its interleaving flags.
/// </summary>
internal abstract class GrainMethod
{
    private readonly Func<object, object?[]?, object> _invoke;

    protected GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType?.Name}.{method.Name}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), true);
        ReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), true);
        IsValueTask = method.ReturnType == typeof(ValueTask)
            || (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>));
        _invoke = CompileInvoker(method);
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    public bool AlwaysInterleave { get; }

    public bool ReadOnly { get; }

    protected bool IsValueTask { get; }

    public static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return new VoidGrainMethod(method);
        }

        if (returnType.IsGenericType
            && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            var resultType = returnType.GetGenericArguments()[0];
            return (GrainMethod)Activator.CreateInstance(typeof(GrainMethod<>).MakeGenericType(resultType), method)!;
        }

        throw new InvalidOperationException(
            $"Grain interface method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    /// <summary>Calls the method on the grain; a synchronous throw becomes a faulted task.</summary>
    public Task InvokeOnGrain(object grain, object?[]? args)
    {
        try
        {
            return ToTask(_invoke(grain, args));
        }
        catch (Exception exception)
        {
            return FromException(exception);
        }
    }

    /// <summary>Turns the runtime's task into what the interface method returns.</summary>
    public abstract object? ToReturnValue(Task task);

    public abstract Task WithTimeout(Task task, TimeSpan timeout);

    public abstract Task FromException(Exception exception);

    public abstract Requests.GrainRequest CreateRequest(object?[]? args, long chainId);

    protected abstract Task ToTask(object grainResult);

    private static Func<object, object?[]?, object> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Expression.Convert(
                Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);
        }

        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);
        return Expression.Lambda<Func<object, object?[]?, object>>(
            Expression.Convert(call, typeof(object)), grain, args).Compile();
    }
}
