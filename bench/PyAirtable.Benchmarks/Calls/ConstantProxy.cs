using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace PyAirtable.Benchmarks.Calls;

/// <summary>A <see cref="DispatchProxy"/> that answers every call with the same completed task: what DispatchProxy alone costs.</summary>
[SuppressMessage("Performance", "CA1515", Justification = "DispatchProxy derives its proxy class from this type, so it must be public.")]
public class ConstantProxy : DispatchProxy
{
    private static readonly Task<int> s_result = Task.FromResult(1);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => s_result;
}
