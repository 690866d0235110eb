using System.Globalization;

namespace PyAirtable.Formulas.Values;

/// <summary>Lenient text-to-date coercion for comparisons and date functions given text (ISO 8601 first, then common forms).</summary>
internal static class DateParsing
{
    private static readonly string[] _dateOnlyFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "M/d/yyyy", "MM/dd/yyyy", "MMMM d, yyyy", "MMM d, yyyy",
        "d MMMM yyyy", "d MMM yyyy", "yyyyMMdd",
    ];

    public static bool TryParse(string text, out long utcTicks, out bool dateOnly)
    {
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, _dateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            utcTicks = day.Ticks;
            dateOnly = true;
            return true;
        }
        if (trimmed.Length > 0 && char.IsAsciiDigit(trimmed[0]) && DateTimeOffset.TryParse(
                trimmed,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var moment))
        {
            utcTicks = moment.UtcTicks;
            dateOnly = false;
            return true;
        }
        if (trimmed.Length > 0 && char.IsAsciiLetter(trimmed[0]) && DateTimeOffset.TryParse(
                trimmed,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out moment))
        {
            utcTicks = moment.UtcTicks;
            dateOnly = moment.UtcDateTime.TimeOfDay == TimeSpan.Zero && !trimmed.Contains(':', StringComparison.Ordinal);
            return true;
        }
        utcTicks = 0;
        dateOnly = false;
        return false;
    }
}
