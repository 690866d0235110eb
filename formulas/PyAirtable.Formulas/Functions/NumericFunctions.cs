using System.Globalization;
using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

internal static class NumericFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("ABS", 1, 1, static (a, in _) => FormulaValue.Number(Math.Abs(a[0].ToNumber())));
        registry.Add("AVERAGE", 1, FunctionRegistry.Variadic, Average);
        registry.Add("CEILING", 1, 2, static (a, in _) => ToMultiple(a, Math.Ceiling));
        registry.Add("FLOOR", 1, 2, static (a, in _) => ToMultiple(a, Math.Floor));
        registry.Add("COUNT", 1, FunctionRegistry.Variadic, static (a, in _) => FormulaValue.Number(
            Arguments.Flatten(a).Count(v => v.Kind is FormulaValueKind.Number or FormulaValueKind.Duration)));
        registry.Add("COUNTA", 1, FunctionRegistry.Variadic, static (a, in _) => FormulaValue.Number(
            Arguments.Flatten(a).Count(v => !v.IsBlank && !(v.Kind == FormulaValueKind.Text && v.TextUnsafe.Length == 0))));
        registry.Add("COUNTALL", 1, FunctionRegistry.Variadic, static (a, in _) => FormulaValue.Number(Arguments.Flatten(a).Count),
            propagatesErrors: false);
        registry.Add("EVEN", 1, 1, static (a, in _) => AwayFromZeroTo(a[0].ToNumber(), odd: false));
        registry.Add("ODD", 1, 1, static (a, in _) => AwayFromZeroTo(a[0].ToNumber(), odd: true));
        registry.Add("EXP", 1, 1, static (a, in _) => FormulaValue.Number(Math.Exp(a[0].ToNumber())));
        registry.Add("INT", 1, 1, static (a, in _) => FormulaValue.Number(Math.Floor(a[0].ToNumber())));
        registry.Add("LOG", 1, 2, Log);
        registry.Add("MAX", 1, FunctionRegistry.Variadic, static (a, in _) => Extreme(a, preferLarger: true));
        registry.Add("MIN", 1, FunctionRegistry.Variadic, static (a, in _) => Extreme(a, preferLarger: false));
        registry.Add("MOD", 2, 2, Mod);
        registry.Add("POWER", 2, 2, static (a, in _) => FormulaValue.Number(Math.Pow(a[0].ToNumber(), a[1].ToNumber())));
        registry.Add("ROUND", 1, 2, static (a, in _) => Round(a, static x => Math.Floor(x + 0.5)));
        registry.Add("ROUNDDOWN", 1, 2, static (a, in _) => Round(a, Math.Truncate));
        registry.Add("ROUNDUP", 1, 2, static (a, in _) => Round(a, static x => Math.Sign(x) * Math.Ceiling(Math.Abs(x))));
        registry.Add("SQRT", 1, 1, static (a, in _) => FormulaValue.Number(Math.Sqrt(a[0].ToNumber())));
        registry.Add("SUM", 1, FunctionRegistry.Variadic, Sum);
        registry.Add("VALUE", 1, 1, Value);
    }

    /// <summary>Numbers among the arguments, arrays flattened; blanks and non-numeric text are skipped.</summary>
    private static List<double> Numbers(ReadOnlySpan<FormulaValue> arguments)
    {
        var numbers = new List<double>();
        foreach (var value in Arguments.Flatten(arguments))
        {
            if (value.IsBlank)
            {
                continue;
            }
            var number = value.ToNumber();
            if (!double.IsNaN(number))
            {
                numbers.Add(number);
            }
        }
        return numbers;
    }

    private static FormulaValue Sum(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame) =>
        FormulaValue.Number(Numbers(arguments).Sum());

    private static FormulaValue Average(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var numbers = Numbers(arguments);
        return numbers.Count == 0 ? FormulaValue.Number(0) : FormulaValue.Number(numbers.Average());
    }

    /// <summary>MAX/MIN of numbers, or of dates when every candidate is a date (as rollups of date fields are).</summary>
    private static FormulaValue Extreme(ReadOnlySpan<FormulaValue> arguments, bool preferLarger)
    {
        var items = Arguments.Flatten(arguments).Where(v => !v.IsBlank).ToList();
        if (items.Count > 0 && items.TrueForAll(v => v.Kind == FormulaValueKind.Date))
        {
            return preferLarger ? items.MaxBy(v => v.UtcTicks) : items.MinBy(v => v.UtcTicks);
        }
        var numbers = Numbers(arguments);
        return numbers.Count == 0 ? FormulaValue.Number(0) : FormulaValue.Number(preferLarger ? numbers.Max() : numbers.Min());
    }

    private static FormulaValue ToMultiple(ReadOnlySpan<FormulaValue> arguments, Func<double, double> direction)
    {
        var value = arguments[0].ToNumber();
        var significance = arguments.Length > 1 && !arguments[1].IsBlank ? Math.Abs(arguments[1].ToNumber()) : 1;
        if (significance == 0)
        {
            return FormulaValue.Number(0);
        }
        var multiples = direction(RemoveBinaryNoise(value / significance));

        // 13 * 0.1 is 1.3000000000000003 but 13 / 10 is 1.3: divide by the inverse of fractional significances.
        var inverse = 1 / significance;
        return significance < 1 && Math.Abs(inverse - Math.Round(inverse)) < 1e-9
            ? FormulaValue.Number(multiples / Math.Round(inverse))
            : FormulaValue.Number(multiples * significance);
    }

    private static FormulaValue AwayFromZeroTo(double value, bool odd)
    {
        if (double.IsNaN(value))
        {
            return FormulaValue.NaN;
        }
        var sign = value < 0 ? -1 : 1;
        var magnitude = Math.Ceiling(Math.Abs(value));
        var isOdd = magnitude % 2 == 1;
        if (odd != isOdd)
        {
            magnitude += 1;
        }
        return FormulaValue.Number(sign * magnitude);
    }

    private static FormulaValue Log(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var value = arguments[0].ToNumber();
        var logBase = arguments.Length > 1 && !arguments[1].IsBlank ? arguments[1].ToNumber() : 10;
        return value <= 0 || logBase <= 0 || logBase == 1
            ? FormulaValue.NaN
            : FormulaValue.Number(logBase switch
            {
                10 => Math.Log10(value),
                2 => Math.Log2(value),
                _ => Math.Log(value) / Math.Log(logBase),
            });
    }

    /// <summary>JavaScript's remainder: the result takes the dividend's sign.</summary>
    private static FormulaValue Mod(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var divisor = arguments[1].ToNumber();
        return divisor == 0
            ? FormulaValue.Error(FormulaErrorKind.DivisionByZero)
            : FormulaValue.Number(arguments[0].ToNumber() % divisor);
    }

    private static FormulaValue Round(ReadOnlySpan<FormulaValue> arguments, Func<double, double> rounding)
    {
        var value = arguments[0].ToNumber();
        if (double.IsNaN(value))
        {
            return FormulaValue.NaN;
        }
        var precision = arguments.Length > 1 ? Arguments.ToInt(arguments[1]) : 0;
        var factor = Math.Pow(10, Math.Clamp(precision, -300, 300));
        return FormulaValue.Number(rounding(RemoveBinaryNoise(value * factor)) / factor);
    }

    // 1.1 * 10 is 11.000000000000002 in binary; without this ROUNDUP(1.1, 1) would give 1.2.
    private static double RemoveBinaryNoise(double value) => Math.Abs(value) < 1e15 ? Math.Round(value, 9) : value;

    /// <summary>Strips currency symbols, thousands separators and spaces before parsing, as Airtable's VALUE does.</summary>
    private static FormulaValue Value(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var argument = arguments[0];
        if (argument.Kind is FormulaValueKind.Number or FormulaValueKind.Blank)
        {
            return argument;
        }
        var text = argument.ToText();
        var cleaned = new string(text.Where(c => char.IsAsciiDigit(c) || c is '.' or '-' or 'e' or 'E').ToArray());
        if (cleaned.Length == 0)
        {
            return text.Trim().Length == 0 ? FormulaValue.Blank : FormulaValue.NaN;
        }
        var percent = text.TrimEnd().EndsWith('%');
        return double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? FormulaValue.Number(percent ? number / 100 : number)
            : FormulaValue.NaN;
    }
}
