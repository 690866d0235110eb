using System.Collections.Frozen;
using PyAirtable.Formulas.Compilation;

namespace PyAirtable.Formulas.Functions;

/// <summary>Every function Airtable documents, by upper-case name; each family registers its own.</summary>
internal sealed class FunctionRegistry
{
    public const int Variadic = int.MaxValue;

    private readonly Dictionary<string, FunctionDefinition> _functions = new(StringComparer.Ordinal);

    public static FrozenDictionary<string, FunctionDefinition> All { get; } = Build();

    public void Add(string name, int min, int max, EagerFunction function, bool foldable = true, bool propagatesErrors = true) =>
        _functions.Add(name, new FunctionDefinition(name, min, max, function, null, foldable, propagatesErrors));

    public void AddLazy(string name, int min, int max, LazyFunction function, bool foldable = true) =>
        _functions.Add(name, new FunctionDefinition(name, min, max, null, function, foldable, PropagatesErrors: false));

    private static FrozenDictionary<string, FunctionDefinition> Build()
    {
        var registry = new FunctionRegistry();
        TextFunctions.Register(registry);
        LogicalFunctions.Register(registry);
        NumericFunctions.Register(registry);
        DateFunctions.Register(registry);
        DateDifferenceFunctions.Register(registry);
        RecordFunctions.Register(registry);
        RegexFunctions.Register(registry);
        ArrayFunctions.Register(registry);
        return registry._functions.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
