using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

/// <summary>Functions relating two dates: differences, comparisons and working-day arithmetic.</summary>
internal static class DateDifferenceFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("DATETIME_DIFF", 2, 3, Difference, foldable: false);
        registry.Add("TONOW", 1, 1, DaysFromNow, foldable: false);
        registry.Add("FROMNOW", 1, 1, DaysFromNow, foldable: false);
        registry.Add("IS_AFTER", 2, 2, static (a, in f) => Compare(a, static order => order > 0), foldable: false);
        registry.Add("IS_BEFORE", 2, 2, static (a, in f) => Compare(a, static order => order < 0), foldable: false);
        registry.Add("IS_SAME", 2, 3, IsSame, foldable: false);
        registry.Add("WORKDAY", 2, 3, Workday, foldable: false);
        registry.Add("WORKDAY_DIFF", 2, 3, WorkdayDifference, foldable: false);
    }

    /// <summary>DATETIME_DIFF(date1, date2, unit) is date1 − date2 truncated toward zero, in seconds by default.</summary>
    private static FormulaValue Difference(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        if (!DateArgument.TryGet(arguments[0], out var first) || !DateArgument.TryGet(arguments[1], out var second))
        {
            return FormulaValue.GenericError;
        }
        var unit = DateUnit.Second;
        if (arguments.Length > 2 && !arguments[2].IsBlank && !DateUnits.TryParse(arguments[2].ToText(), out unit))
        {
            return FormulaValue.GenericError;
        }
        var difference = unit switch
        {
            DateUnit.Month => MonthDifference(first.Utc, second.Utc),
            DateUnit.Quarter => MonthDifference(first.Utc, second.Utc) / 3,
            DateUnit.Year => MonthDifference(first.Utc, second.Utc) / 12,
            _ => (first.UtcTicks - second.UtcTicks) / (double)DateUnits.TicksPer(unit),
        };
        return FormulaValue.Number(Math.Truncate(difference));
    }

    /// <summary>
    /// Moment's month difference: whole months between the dates plus the fraction of the month around the
    /// anchor, so 31 January to 28 February counts as a full month.
    /// </summary>
    private static double MonthDifference(DateTime a, DateTime b)
    {
        if (a.Day < b.Day)
        {
            return -MonthDifference(b, a);
        }
        var whole = ((b.Year - a.Year) * 12) + (b.Month - a.Month);
        var anchor = a.AddMonths(whole);
        double adjust;
        if (b < anchor)
        {
            var previous = a.AddMonths(whole - 1);
            adjust = (b - anchor).Ticks / (double)(anchor - previous).Ticks;
        }
        else
        {
            var next = a.AddMonths(whole + 1);
            adjust = (b - anchor).Ticks / (double)(next - anchor).Ticks;
        }
        var result = -(whole + adjust);
        return result == 0 ? 0 : result;
    }

    /// <summary>Whole days between the date and now, as a positive count either way.</summary>
    private static FormulaValue DaysFromNow(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        if (!DateArgument.TryGet(arguments[0], out var date))
        {
            return FormulaValue.GenericError;
        }
        var now = frame.Context.Clock.GetUtcNow().UtcTicks;
        return FormulaValue.Number(Math.Truncate(Math.Abs(now - date.UtcTicks) / (double)TimeSpan.TicksPerDay));
    }

    private static FormulaValue Compare(ReadOnlySpan<FormulaValue> arguments, Func<int, bool> accept) =>
        DateArgument.TryGet(arguments[0], out var first) && DateArgument.TryGet(arguments[1], out var second)
            ? FormulaValue.Boolean(accept(first.UtcTicks.CompareTo(second.UtcTicks)))
            : FormulaValue.GenericError;

    private static FormulaValue IsSame(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        if (!DateArgument.TryGet(arguments[0], out var first) || !DateArgument.TryGet(arguments[1], out var second))
        {
            return FormulaValue.GenericError;
        }
        if (arguments.Length < 3 || arguments[2].IsBlank)
        {
            return FormulaValue.Boolean(first.UtcTicks == second.UtcTicks);
        }
        if (!DateUnits.TryParse(arguments[2].ToText(), out var unit))
        {
            return FormulaValue.GenericError;
        }
        var context = frame.Context;
        return FormulaValue.Boolean(
            DateUnits.StartOf(first.Local(context), unit) == DateUnits.StartOf(second.Local(context), unit));
    }

    /// <summary>WORKDAY(start, days, [holidays]): the date that many working days away, skipping weekends and holidays.</summary>
    private static FormulaValue Workday(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        if (!DateArgument.TryGet(arguments[0], out var start) || !TryHolidays(arguments, 2, out var holidays))
        {
            return FormulaValue.GenericError;
        }
        var remaining = Arguments.ToInt(arguments[1]);
        if (Math.Abs(remaining) > 1_000_000)
        {
            return FormulaValue.GenericError;
        }
        var step = Math.Sign(remaining);
        var day = DateOnly.FromDateTime(start.Local(frame.Context));
        try
        {
            while (remaining != 0)
            {
                day = day.AddDays(step);
                if (IsWorkday(day, holidays))
                {
                    remaining -= step;
                }
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return FormulaValue.GenericError;
        }
        return FormulaValue.Date(day);
    }

    /// <summary>Working days from start to end counting both ends; negative when end precedes start.</summary>
    private static FormulaValue WorkdayDifference(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        if (!DateArgument.TryGet(arguments[0], out var start) || !DateArgument.TryGet(arguments[1], out var end)
            || !TryHolidays(arguments, 2, out var holidays))
        {
            return FormulaValue.GenericError;
        }
        var from = DateOnly.FromDateTime(start.Local(frame.Context));
        var to = DateOnly.FromDateTime(end.Local(frame.Context));
        var sign = 1;
        if (to < from)
        {
            (from, to) = (to, from);
            sign = -1;
        }
        if (to.DayNumber - from.DayNumber > 1_000_000)
        {
            return FormulaValue.GenericError;
        }
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            count += IsWorkday(day, holidays) ? 1 : 0;
        }
        return FormulaValue.Number(sign * count);
    }

    private static bool IsWorkday(DateOnly day, HashSet<DateOnly> holidays) =>
        day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && !holidays.Contains(day);

    /// <summary>Holidays come as a comma-separated text of ISO dates, or as an array of dates from a lookup.</summary>
    private static bool TryHolidays(ReadOnlySpan<FormulaValue> arguments, int index, out HashSet<DateOnly> holidays)
    {
        holidays = [];
        if (arguments.Length <= index || arguments[index].IsBlank)
        {
            return true;
        }
        var values = new List<FormulaValue>();
        var argument = arguments[index];
        if (argument.Kind == FormulaValueKind.Text)
        {
            values.AddRange(argument.TextUnsafe
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(FormulaValue.Text));
        }
        else
        {
            Arguments.FlattenInto(values, argument);
        }
        foreach (var value in values)
        {
            if (!DateArgument.TryGet(value, out var holiday))
            {
                return false;
            }
            holidays.Add(DateOnly.FromDateTime(holiday.Utc));
        }
        return true;
    }
}
