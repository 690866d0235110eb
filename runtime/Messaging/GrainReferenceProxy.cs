using System.Collections.Concurrent;
using System.Reflection;

namespace PyAirtable.Runtime.Messaging;

/// <summary>
/// The object behind every grain reference: a generated implementation of the grain interface
/// whose methods hand the call to the dispatcher. Two references to the same grain are equal.
/// </summary>
public class GrainReferenceProxy : DispatchProxy, IGrainReference
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> s_methods = new();

    // One generated proxy per interface, copied for each reference: DispatchProxy.Create builds
    // every instance through reflection (Activator with constructor arguments), which cost more
    // than a whole local grain call in the authentication path (bench/RESULTS.md, auth).
    private static readonly ConcurrentDictionary<Type, GrainReferenceProxy> s_prototypes = new();
    private SiloRuntime? _runtime;

    public GrainId GrainId { get; private set; }

    internal static object Create(Type interfaceType, SiloRuntime runtime, GrainId grainId)
    {
        var prototype = s_prototypes.GetOrAdd(interfaceType, static type => (GrainReferenceProxy)DispatchProxy.Create(type, typeof(GrainReferenceProxy)));
        // The generated type only adds its read-only table of methods, which the copies share.
        var proxy = (GrainReferenceProxy)prototype.MemberwiseClone();
        proxy._runtime = runtime;
        proxy.GrainId = grainId;
        return proxy;
    }

    internal static GrainMethod GetMethod(MethodInfo method) => s_methods.GetOrAdd(method, GrainMethod.Create);

    public override bool Equals(object? obj) => obj is IGrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = s_methods.GetOrAdd(targetMethod, GrainMethod.Create);
        return method.ToReturnValue(_runtime!.Dispatcher.Invoke(GrainId, method, args));
    }
}
