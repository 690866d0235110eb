using System.Globalization;
using System.Text;

namespace PyAirtable.Formulas.Values;

public readonly partial struct FormulaValue
{
    /// <summary>Text the way Airtable shows a value inside <c>&amp;</c>: arrays joined by ", ", dates in ISO 8601.</summary>
    public string ToText() => _kind switch
    {
        FormulaValueKind.Blank => string.Empty,
        FormulaValueKind.Text => (string)_reference!,
        FormulaValueKind.Number or FormulaValueKind.Duration => FormatNumber(NumberBits),
        FormulaValueKind.Boolean => _bits != 0 ? "1" : "0",
        FormulaValueKind.Date => FormatIso(_bits, _dateOnly),
        FormulaValueKind.Array => JoinArray(ArrayUnsafe, ", "),
        _ => ErrorText((FormulaErrorKind)_bits),
    };

    /// <summary>
    /// Numeric coercion: blank is 0, booleans 1/0, numeric text parses, a one-element array is its element.
    /// Anything else is NaN, which <see cref="Number(double)"/> turns into Airtable's NaN error.
    /// </summary>
    public double ToNumber() => _kind switch
    {
        FormulaValueKind.Blank => 0,
        FormulaValueKind.Number or FormulaValueKind.Duration => NumberBits,
        FormulaValueKind.Boolean => _bits,
        FormulaValueKind.Text => ParseNumber((string)_reference!),
        FormulaValueKind.Array => ArrayUnsafe.Length switch
        {
            0 => 0,
            1 => ArrayUnsafe[0].ToNumber(),
            _ => double.NaN,
        },
        _ => double.NaN,
    };

    internal static string ErrorText(FormulaErrorKind kind) => kind == FormulaErrorKind.NaN ? "NaN" : "#ERROR!";

    internal static string FormatNumber(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }
        return value.ToString(CultureInfo.InvariantCulture);
    }

    internal static double ParseNumber(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return 0;
        }
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : double.NaN;
    }

    internal static string FormatIso(long utcTicks, bool dateOnly)
    {
        var value = new DateTime(utcTicks, DateTimeKind.Utc);
        return dateOnly
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    internal static string JoinArray(FormulaValue[] values, string separator)
    {
        if (values.Length == 1)
        {
            return values[0].ToText();
        }
        var builder = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }
            builder.Append(values[i].ToText());
        }
        return builder.ToString();
    }
}
