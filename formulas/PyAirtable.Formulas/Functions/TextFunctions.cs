using System.Text;
using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

/// <summary>Text functions. Positions are 1-based in results and UTF-16 based, like Airtable's JavaScript engine.</summary>
internal static class TextFunctions
{
    private const int MaxTextLength = 10_000_000;

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("CONCATENATE", 1, FunctionRegistry.Variadic, Concatenate);
        registry.Add("ENCODE_URL_COMPONENT", 1, 1, EncodeUrlComponent);
        registry.Add("FIND", 2, 3, Find);
        registry.Add("SEARCH", 2, 3, Search);
        registry.Add("LEFT", 2, 2, Left);
        registry.Add("RIGHT", 2, 2, Right);
        registry.Add("MID", 3, 3, Mid);
        registry.Add("LEN", 1, 1, static (a, in _) => FormulaValue.Number(a[0].ToText().Length));
        registry.Add("LOWER", 1, 1, static (a, in _) => FormulaValue.Text(a[0].ToText().ToLowerInvariant()));
        registry.Add("UPPER", 1, 1, static (a, in _) => FormulaValue.Text(a[0].ToText().ToUpperInvariant()));
        registry.Add("REPLACE", 4, 4, Replace);
        registry.Add("REPT", 2, 2, Rept);
        registry.Add("SUBSTITUTE", 3, 4, Substitute);
        registry.Add("T", 1, 1, T);
        registry.Add("TRIM", 1, 1, static (a, in _) => FormulaValue.Text(a[0].ToText().Trim()));
    }

    private static FormulaValue Concatenate(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            builder.Append(argument.ToText());
        }
        return FormulaValue.Text(builder.ToString());
    }

    // encodeURIComponent leaves A-Z a-z 0-9 - _ . ! ~ * ' ( ) unescaped; Uri.EscapeDataString also escapes ! * ' ( ).
    private static FormulaValue EncodeUrlComponent(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var builder = new StringBuilder(text.Length);
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()".Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return FormulaValue.Text(builder.ToString());
    }

    /// <summary>The optional start is a zero-based offset (Airtable defaults it to 0); the result is 1-based, 0 if missing.</summary>
    private static int IndexOf(ReadOnlySpan<FormulaValue> arguments)
    {
        var needle = arguments[0].ToText();
        var haystack = arguments[1].ToText();
        var start = Math.Max(0, Arguments.ToInt(Arguments.Optional(arguments, 2)));
        return start > haystack.Length ? 0 : haystack.IndexOf(needle, start, StringComparison.Ordinal) + 1;
    }

    private static FormulaValue Find(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame) =>
        FormulaValue.Number(IndexOf(arguments));

    private static FormulaValue Search(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var position = IndexOf(arguments);
        return position == 0 ? FormulaValue.Blank : FormulaValue.Number(position);
    }

    private static FormulaValue Left(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var count = Math.Clamp(Arguments.ToInt(arguments[1]), 0, text.Length);
        return FormulaValue.Text(text[..count]);
    }

    private static FormulaValue Right(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var count = Math.Clamp(Arguments.ToInt(arguments[1]), 0, text.Length);
        return FormulaValue.Text(text[(text.Length - count)..]);
    }

    private static FormulaValue Mid(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var start = Math.Clamp(Arguments.ToInt(arguments[1], 1) - 1, 0, text.Length);
        var count = Math.Clamp(Arguments.ToInt(arguments[2]), 0, text.Length - start);
        return FormulaValue.Text(text.Substring(start, count));
    }

    private static FormulaValue Replace(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var start = Math.Clamp(Arguments.ToInt(arguments[1], 1) - 1, 0, text.Length);
        var count = Math.Clamp(Arguments.ToInt(arguments[2]), 0, text.Length - start);
        return FormulaValue.Text(string.Concat(text.AsSpan(0, start), arguments[3].ToText(), text.AsSpan(start + count)));
    }

    private static FormulaValue Rept(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var times = Math.Max(0, Arguments.ToInt(arguments[1]));
        if ((long)text.Length * times > MaxTextLength)
        {
            return FormulaValue.GenericError;
        }
        return FormulaValue.Text(new StringBuilder(text.Length * times).Insert(0, text, times).ToString());
    }

    /// <summary>Replaces every occurrence, or only the index-th (1-based) when an index is given.</summary>
    private static FormulaValue Substitute(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var text = arguments[0].ToText();
        var oldText = arguments[1].ToText();
        var newText = arguments[2].ToText();
        if (oldText.Length == 0)
        {
            return FormulaValue.Text(text);
        }
        if (arguments.Length < 4 || arguments[3].IsBlank)
        {
            return FormulaValue.Text(text.Replace(oldText, newText, StringComparison.Ordinal));
        }
        var index = Arguments.ToInt(arguments[3]);
        var position = -oldText.Length;
        for (var found = 0; found < index; found++)
        {
            position = text.IndexOf(oldText, position + oldText.Length, StringComparison.Ordinal);
            if (position < 0)
            {
                return FormulaValue.Text(text);
            }
        }
        return index < 1
            ? FormulaValue.Text(text)
            : FormulaValue.Text(string.Concat(text.AsSpan(0, position), newText, text.AsSpan(position + oldText.Length)));
    }

    private static FormulaValue T(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var value = arguments[0];
        if (value.Kind == FormulaValueKind.Array && value.ArrayUnsafe.Length == 1)
        {
            value = value.ArrayUnsafe[0];
        }
        return value.Kind == FormulaValueKind.Text ? value : FormulaValue.Blank;
    }
}
