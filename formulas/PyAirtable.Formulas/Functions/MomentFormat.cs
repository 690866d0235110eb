using System.Globalization;
using System.Text;

namespace PyAirtable.Formulas.Functions;

/// <summary>
/// Moment.js format tokens, which DATETIME_FORMAT and DATETIME_PARSE use. English names only: the process runs
/// with invariant globalization, so other locales fall back to English.
/// </summary>
internal static class MomentFormat
{
    public const string IsoFormat = "YYYY-MM-DDTHH:mm:ssZ";

    private static readonly string[] _tokens =
    [
        "YYYYYY", "YYYY", "YY", "Qo", "Q", "MMMM", "MMM", "MM", "Mo", "M", "DDDD", "DDDo", "DDD", "Do", "DD", "D",
        "dddd", "ddd", "dd", "do", "d", "E", "e", "GGGG", "gggg", "WW", "Wo", "W", "ww", "wo", "w", "HH", "H", "hh",
        "h", "kk", "k", "mm", "m", "ss", "s", "SSSSSSSSS", "SSSSSS", "SSS", "SS", "S", "A", "a", "ZZ", "Z", "X", "x",
        "LTS", "LT", "LLLL", "LLL", "LL", "L", "llll", "lll", "ll", "l",
    ];

    private static readonly Dictionary<string, string> _localized = new(StringComparer.Ordinal)
    {
        ["LT"] = "h:mm A",
        ["LTS"] = "h:mm:ss A",
        ["L"] = "MM/DD/YYYY",
        ["LL"] = "MMMM D, YYYY",
        ["LLL"] = "MMMM D, YYYY h:mm A",
        ["LLLL"] = "dddd, MMMM D, YYYY h:mm A",
        ["l"] = "M/D/YYYY",
        ["ll"] = "MMM D, YYYY",
        ["lll"] = "MMM D, YYYY h:mm A",
        ["llll"] = "ddd, MMM D, YYYY h:mm A",
    };

    private static readonly string[] _months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] _weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Format(DateTime local, TimeSpan offset, string format)
    {
        var builder = new StringBuilder(format.Length + 8);
        var i = 0;
        while (i < format.Length)
        {
            if (format[i] == '[')
            {
                var end = format.IndexOf(']', i + 1);
                end = end < 0 ? format.Length : end;
                builder.Append(format, i + 1, end - i - 1);
                i = Math.Min(format.Length, end + 1);
                continue;
            }
            var token = MatchToken(format, i);
            if (token is null)
            {
                builder.Append(format[i++]);
                continue;
            }
            i += token.Length;
            if (_localized.TryGetValue(token, out var expansion))
            {
                builder.Append(Format(local, offset, expansion));
                continue;
            }
            builder.Append(FormatToken(local, offset, token));
        }
        return builder.ToString();
    }

    private static string? MatchToken(string format, int index)
    {
        foreach (var token in _tokens)
        {
            if (string.CompareOrdinal(format, index, token, 0, token.Length) == 0)
            {
                return token;
            }
        }
        return null;
    }

    private static string FormatToken(DateTime t, TimeSpan offset, string token)
    {
        var c = CultureInfo.InvariantCulture;
        var hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        return token switch
        {
            "YYYYYY" => (t.Year >= 0 ? "+" : "-") + t.Year.ToString("D6", c),
            "YYYY" => t.Year.ToString("D4", c),
            "YY" => (t.Year % 100).ToString("D2", c),
            "Q" => Quarter(t).ToString(c),
            "Qo" => Ordinal(Quarter(t)),
            "MMMM" => _months[t.Month - 1],
            "MMM" => _months[t.Month - 1][..3],
            "MM" => t.Month.ToString("D2", c),
            "Mo" => Ordinal(t.Month),
            "M" => t.Month.ToString(c),
            "DDDD" => t.DayOfYear.ToString("D3", c),
            "DDDo" => Ordinal(t.DayOfYear),
            "DDD" => t.DayOfYear.ToString(c),
            "Do" => Ordinal(t.Day),
            "DD" => t.Day.ToString("D2", c),
            "D" => t.Day.ToString(c),
            "dddd" => _weekdays[(int)t.DayOfWeek],
            "ddd" => _weekdays[(int)t.DayOfWeek][..3],
            "dd" => _weekdays[(int)t.DayOfWeek][..2],
            "do" => Ordinal((int)t.DayOfWeek),
            "d" or "e" => ((int)t.DayOfWeek).ToString(c),
            "E" => (t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek).ToString(c),
            "GGGG" => ISOWeek.GetYear(t).ToString("D4", c),
            "gggg" => t.Year.ToString("D4", c),
            "WW" => ISOWeek.GetWeekOfYear(t).ToString("D2", c),
            "Wo" => Ordinal(ISOWeek.GetWeekOfYear(t)),
            "W" => ISOWeek.GetWeekOfYear(t).ToString(c),
            "ww" => WeekOfYear(t, DayOfWeek.Sunday).ToString("D2", c),
            "wo" => Ordinal(WeekOfYear(t, DayOfWeek.Sunday)),
            "w" => WeekOfYear(t, DayOfWeek.Sunday).ToString(c),
            "HH" => t.Hour.ToString("D2", c),
            "H" => t.Hour.ToString(c),
            "hh" => hour12.ToString("D2", c),
            "h" => hour12.ToString(c),
            "kk" => (t.Hour == 0 ? 24 : t.Hour).ToString("D2", c),
            "k" => (t.Hour == 0 ? 24 : t.Hour).ToString(c),
            "mm" => t.Minute.ToString("D2", c),
            "m" => t.Minute.ToString(c),
            "ss" => t.Second.ToString("D2", c),
            "s" => t.Second.ToString(c),
            "A" => t.Hour < 12 ? "AM" : "PM",
            "a" => t.Hour < 12 ? "am" : "pm",
            "ZZ" => OffsetText(offset, colon: false),
            "Z" => OffsetText(offset, colon: true),
            "X" => ((new DateTimeOffset(t, offset).ToUnixTimeMilliseconds()) / 1000).ToString(c),
            "x" => new DateTimeOffset(t, offset).ToUnixTimeMilliseconds().ToString(c),
            _ when token[0] == 'S' => (t.Ticks % TimeSpan.TicksPerSecond).ToString("D7", c).PadRight(9, '0')[..token.Length],
            _ => token,
        };
    }

    /// <summary>Week of the year with weeks starting on <paramref name="firstDay"/>; the week holding 1 January is week 1.</summary>
    public static int WeekOfYear(DateTime date, DayOfWeek firstDay)
    {
        var januaryFirst = new DateTime(date.Year, 1, 1);
        var offset = ((int)januaryFirst.DayOfWeek - (int)firstDay + 7) % 7;
        return ((date.DayOfYear - 1 + offset) / 7) + 1;
    }

    private static int Quarter(DateTime t) => ((t.Month - 1) / 3) + 1;

    private static string OffsetText(TimeSpan offset, bool colon)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var magnitude = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude.Hours:D2}{(colon ? ":" : "")}{magnitude.Minutes:D2}");
    }

    private static string Ordinal(int number)
    {
        var suffix = (number % 100) is 11 or 12 or 13 ? "th" : (number % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return number.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    internal static int MonthFromName(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < _months.Length; i++)
        {
            if (name.Length >= 3 && _months[i].AsSpan().StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }
        return 0;
    }

    internal static string? TokenAt(string format, int index) => MatchToken(format, index);

    internal static bool IsLocalizedToken(string token, out string expansion) => _localized.TryGetValue(token, out expansion!);
}
