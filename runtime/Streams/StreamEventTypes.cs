using System.Collections.Concurrent;

namespace PyAirtable.Runtime.Streams;

/// <summary>Names event payload types in the log and finds them again.</summary>
internal static class StreamEventTypes
{
    private static readonly ConcurrentDictionary<Type, string> s_names = new();
    private static readonly ConcurrentDictionary<string, Type?> s_types = new(StringComparer.Ordinal);

    public static string NameOf(Type type) =>
        s_names.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    public static Type Resolve(string name) =>
        s_types.GetOrAdd(name, static n => Type.GetType(n, throwOnError: false))
            ?? throw new InvalidOperationException($"The event type '{name}' is not known to this silo.");
}
