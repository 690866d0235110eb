namespace PyAirtable.Formulas.Functions;

/// <summary>Moment.js unit names: long forms in any case and plural; short forms case-sensitive (M is months, m minutes).</summary>
internal static class DateUnits
{
    public static bool TryParse(string text, out DateUnit unit)
    {
        var trimmed = text.Trim();
        switch (trimmed)
        {
            case "ms": unit = DateUnit.Millisecond; return true;
            case "s": unit = DateUnit.Second; return true;
            case "m": unit = DateUnit.Minute; return true;
            case "h": unit = DateUnit.Hour; return true;
            case "d": unit = DateUnit.Day; return true;
            case "w": unit = DateUnit.Week; return true;
            case "M": unit = DateUnit.Month; return true;
            case "Q": unit = DateUnit.Quarter; return true;
            case "y": unit = DateUnit.Year; return true;
            default: break;
        }
        var name = trimmed.ToLowerInvariant();
        if (name.EndsWith('s'))
        {
            name = name[..^1];
        }
        unit = name switch
        {
            "millisecond" => DateUnit.Millisecond,
            "second" => DateUnit.Second,
            "minute" => DateUnit.Minute,
            "hour" => DateUnit.Hour,
            "day" or "date" => DateUnit.Day,
            "week" or "isoweek" => DateUnit.Week,
            "month" => DateUnit.Month,
            "quarter" => DateUnit.Quarter,
            "year" => DateUnit.Year,
            _ => (DateUnit)(-1),
        };
        return unit >= 0;
    }

    public static long TicksPer(DateUnit unit) => unit switch
    {
        DateUnit.Millisecond => TimeSpan.TicksPerMillisecond,
        DateUnit.Second => TimeSpan.TicksPerSecond,
        DateUnit.Minute => TimeSpan.TicksPerMinute,
        DateUnit.Hour => TimeSpan.TicksPerHour,
        DateUnit.Day => TimeSpan.TicksPerDay,
        _ => TimeSpan.TicksPerDay * 7,
    };

    /// <summary>The first instant of the unit containing <paramref name="local"/>; weeks start on Sunday.</summary>
    public static DateTime StartOf(DateTime local, DateUnit unit) => unit switch
    {
        DateUnit.Millisecond => new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMillisecond)),
        DateUnit.Second => new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond)),
        DateUnit.Minute => new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute)),
        DateUnit.Hour => new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerHour)),
        DateUnit.Day => local.Date,
        DateUnit.Week => local.Date.AddDays(-(int)local.DayOfWeek),
        DateUnit.Month => new DateTime(local.Year, local.Month, 1),
        DateUnit.Quarter => new DateTime(local.Year, ((local.Month - 1) / 3 * 3) + 1, 1),
        _ => new DateTime(local.Year, 1, 1),
    };
}
