using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

/// <summary>Array functions; a non-array argument acts as a one-element array.</summary>
internal static class ArrayFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("ARRAYCOMPACT", 1, 1, Compact);
        registry.Add("ARRAYFLATTEN", 1, FunctionRegistry.Variadic, static (a, in _) => FormulaValue.FromArray(Arguments.Flatten(a).ToArray()));
        registry.Add("ARRAYJOIN", 1, 2, Join);
        registry.Add("ARRAYUNIQUE", 1, 1, Unique);
        registry.Add("ARRAYSLICE", 2, 3, Slice);
    }

    private static FormulaValue[] Items(in FormulaValue value) => value.Kind switch
    {
        FormulaValueKind.Array => value.ArrayUnsafe,
        FormulaValueKind.Blank => [],
        _ => [value],
    };

    /// <summary>Drops blanks and empty strings, keeping false, 0 and whitespace-only text.</summary>
    private static FormulaValue Compact(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame) =>
        FormulaValue.FromArray(Items(arguments[0])
            .Where(v => !v.IsBlank && !(v.Kind == FormulaValueKind.Text && v.TextUnsafe.Length == 0))
            .ToArray());

    private static FormulaValue Join(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var separator = arguments.Length > 1 ? arguments[1].ToText() : ", ";
        var items = new List<FormulaValue>();
        Arguments.FlattenInto(items, arguments[0]);
        return FormulaValue.Text(string.Join(separator, items.Select(v => v.ToText())));
    }

    private static FormulaValue Unique(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame) =>
        FormulaValue.FromArray(Items(arguments[0]).Distinct().ToArray());

    /// <summary>ARRAYSLICE(array, start, [end]): 1-based and inclusive; negative positions count from the end.</summary>
    private static FormulaValue Slice(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var items = Items(arguments[0]);
        var start = Arguments.ToInt(arguments[1], 1);
        var from = start > 0 ? start - 1 : start < 0 ? items.Length + start : 0;
        var to = items.Length;
        if (arguments.Length > 2 && !arguments[2].IsBlank)
        {
            var end = Arguments.ToInt(arguments[2]);
            to = end >= 0 ? end : items.Length + end + 1;
        }
        from = Math.Clamp(from, 0, items.Length);
        to = Math.Clamp(to, from, items.Length);
        return FormulaValue.FromArray(items[from..to]);
    }
}
