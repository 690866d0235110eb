using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Catalog;

/// <summary>
/// A grain implementation class as the runtime sees it: its type name, its interleaving rules,
/// its implicit stream subscriptions and how to construct it (services and persistent states
/// injected through the constructor).
/// </summary>
internal sealed class GrainClass
{
    private readonly ConstructorInvoker _constructor;
    private readonly ParameterInfo[] _parameters;
    private readonly (string StateName, string StorageName, Type StateType)?[] _states;
    private readonly StateFactory?[] _stateFactories;

    public GrainClass(Type classType)
    {
        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(classType);
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), true);
        ImplicitStreamNamespaces = [.. classType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>(true).Select(a => a.Namespace)];
        var constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.Name} has no public constructor.");
        _constructor = ConstructorInvoker.Create(constructor);
        _parameters = constructor.GetParameters();
        _states = [.. _parameters.Select(DescribeState)];
        _stateFactories = [.. _states.Select(s => s is { } state ? CreateStateFactory(state.StateType) : null)];
    }

    private delegate IPersistentStateLoader StateFactory(string stateName, IGrainStorage storage, ActivationData activation);

    public Type ClassType { get; }

    public string TypeName { get; }

    public bool IsReentrant { get; }

    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }

    public Grain Create(ActivationData activation, out IReadOnlyList<IPersistentStateLoader> states)
    {
        if (_parameters.Length == 0)
        {
            states = [];
            return (Grain)_constructor.Invoke();
        }

        var arguments = new object?[_parameters.Length];
        var loaders = new List<IPersistentStateLoader>();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_states[i] is { } state)
            {
                var storage = activation.Runtime.Services.GetKeyedService<IGrainStorage>(state.StorageName)
                    ?? throw new InvalidOperationException(
                        $"Grain {TypeName} asks for storage '{state.StorageName}', which is not configured.");
                var persistent = _stateFactories[i]!(state.StateName, storage, activation);
                loaders.Add(persistent);
                arguments[i] = persistent;
            }
            else
            {
                arguments[i] = ResolveService(activation, _parameters[i]);
            }
        }

        states = loaders;
        return (Grain)_constructor.Invoke(arguments);
    }

    private object ResolveService(ActivationData activation, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(IGrainFactory))
        {
            return activation.Runtime.GrainFactory;
        }

        return activation.Runtime.Services.GetService(parameter.ParameterType)
            ?? throw new InvalidOperationException(
                $"Grain {TypeName} needs a {parameter.ParameterType.Name} for parameter '{parameter.Name}', which is not registered.");
    }

    /// <summary>Built once per grain class, so activations do no reflection.</summary>
    private static StateFactory CreateStateFactory(Type stateType) =>
        typeof(GrainClass).GetMethod(nameof(NewState), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(stateType).CreateDelegate<StateFactory>();

    private static PersistentState<TState> NewState<TState>(string stateName, IGrainStorage storage, ActivationData activation) =>
        new PersistentState<TState>(stateName, storage, activation);

    private static (string, string, Type)? DescribeState(ParameterInfo parameter)
    {
        var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (attribute is null)
        {
            return null;
        }

        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
        }

        return (attribute.StateName, attribute.StorageName, type.GetGenericArguments()[0]);
    }

    private static string DefaultTypeName(Type classType)
    {
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
