using System.Collections;
using System.Text.Json;

namespace PyAirtable.Formulas.Values;

public readonly partial struct FormulaValue
{
    private static readonly IReadOnlyDictionary<string, object?> _errorObject =
        new Dictionary<string, object?> { ["error"] = "#ERROR!" };

    private static readonly IReadOnlyDictionary<string, object?> _nanObject =
        new Dictionary<string, object?> { ["specialValue"] = "NaN" };

    /// <summary>
    /// A JSON-friendly CLR value as Airtable's API returns formula results: null, string, double, bool,
    /// ISO date strings, object arrays, and <c>{"error": "#ERROR!"}</c> or <c>{"specialValue": "NaN"}</c>.
    /// </summary>
    public object? ToClrValue() => _kind switch
    {
        FormulaValueKind.Blank => null,
        FormulaValueKind.Text => (string)_reference!,
        FormulaValueKind.Number or FormulaValueKind.Duration => NumberBits,
        FormulaValueKind.Boolean => _bits != 0,
        FormulaValueKind.Date => FormatIso(_bits, _dateOnly),
        FormulaValueKind.Array => ArrayUnsafe.Select(element => element.ToClrValue()).ToArray(),
        _ => (FormulaErrorKind)_bits == FormulaErrorKind.NaN ? _nanObject : _errorObject,
    };

    /// <summary>
    /// Converts a CLR or JSON cell value (string, number, bool, dates, durations, arrays, JsonElement, null).
    /// Objects such as collaborators, attachments and linked records become their name, filename or id.
    /// </summary>
    public static FormulaValue FromClr(object? value) => value switch
    {
        null => Blank,
        FormulaValue formulaValue => formulaValue,
        string text => Text(text),
        bool flag => Boolean(flag),
        double number => Number(number),
        float number => Number(number),
        decimal number => Number((double)number),
        int number => Number(number),
        long number => Number(number),
        short number => Number(number),
        byte number => Number(number),
        DateTimeOffset moment => DateTime(moment),
        System.DateTime moment => DateTime(moment.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(moment, TimeSpan.Zero)
            : new DateTimeOffset(moment.ToUniversalTime(), TimeSpan.Zero)),
        DateOnly day => Date(day),
        TimeSpan span => Duration(span),
        JsonElement element => FromJson(element),
        IDictionary<string, object?> map => FromObject(map),
        IEnumerable items => FromArray(items.Cast<object?>().Select(FromClr).ToArray()),
        _ => Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static FormulaValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Text(element.GetString()),
        JsonValueKind.Number => Number(element.GetDouble()),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Array => FromArray(element.EnumerateArray().Select(FromJson).ToArray()),
        JsonValueKind.Object => FromJsonObject(element),
        _ => Blank,
    };

    private static FormulaValue FromJsonObject(JsonElement element)
    {
        foreach (var key in _objectLabelKeys)
        {
            if (element.TryGetProperty(key, out var label) && label.ValueKind == JsonValueKind.String)
            {
                return Text(label.GetString());
            }
        }
        return Text(element.GetRawText());
    }

    private static FormulaValue FromObject(IDictionary<string, object?> map)
    {
        foreach (var key in _objectLabelKeys)
        {
            if (map.TryGetValue(key, out var label) && label is string text)
            {
                return Text(text);
            }
        }
        return Blank;
    }

    // Airtable shows collaborators by name, attachments by filename and linked records by their primary value.
    private static readonly string[] _objectLabelKeys = ["name", "filename", "id"];
}
