using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

internal static class Arguments
{
    public static FormulaValue Optional(ReadOnlySpan<FormulaValue> arguments, int index) =>
        index < arguments.Length ? arguments[index] : FormulaValue.Blank;

    /// <summary>Truncates toward zero like JavaScript's integer coercion; NaN becomes the fallback.</summary>
    public static int ToInt(in FormulaValue value, int fallback = 0)
    {
        var number = value.ToNumber();
        return double.IsNaN(number) ? fallback : (int)Math.Clamp(Math.Truncate(number), int.MinValue, int.MaxValue);
    }

    public static List<FormulaValue> Flatten(ReadOnlySpan<FormulaValue> arguments)
    {
        var items = new List<FormulaValue>(arguments.Length);
        foreach (var argument in arguments)
        {
            FlattenInto(items, argument);
        }
        return items;
    }

    public static void FlattenInto(List<FormulaValue> items, in FormulaValue value)
    {
        if (value.Kind != FormulaValueKind.Array)
        {
            items.Add(value);
            return;
        }
        foreach (var element in value.ArrayUnsafe)
        {
            FlattenInto(items, element);
        }
    }
}
