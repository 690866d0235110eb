using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

/// <summary>
/// Date parts, formatting, parsing and arithmetic. None are folded at compile time: their results depend
/// on the context's clock or time zone.
/// </summary>
internal static class DateFunctions
{
    private delegate FormulaValue DateFunction(in DateArgument date, ReadOnlySpan<FormulaValue> arguments, FormulaContext context);

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("NOW", 0, 0, static (_, in f) => FormulaValue.DateTime(f.Context.Clock.GetUtcNow()), foldable: false);
        registry.Add("TODAY", 0, 0, Today, foldable: false);
        AddDate(registry, "YEAR", 1, static (in d, _, c) => FormulaValue.Number(d.Local(c).Year));
        AddDate(registry, "MONTH", 1, static (in d, _, c) => FormulaValue.Number(d.Local(c).Month));
        AddDate(registry, "DAY", 1, static (in d, _, c) => FormulaValue.Number(d.Local(c).Day));
        AddDate(registry, "HOUR", 1, static (in d, _, c) => FormulaValue.Number(d.Local(c).Hour));
        AddDate(registry, "MINUTE", 1, static (in d, _, c) => FormulaValue.Number(d.Local(c).Minute));
        AddDate(registry, "SECOND", 1, static (in d, _, c) => FormulaValue.Number(d.Local(c).Second));
        AddDate(registry, "WEEKDAY", 2, static (in d, a, c) =>
            FormulaValue.Number(((int)d.Local(c).DayOfWeek + 7 - (int)StartOfWeek(a)) % 7));
        AddDate(registry, "WEEKNUM", 2, static (in d, a, c) =>
            FormulaValue.Number(MomentFormat.WeekOfYear(d.Local(c), StartOfWeek(a))));
        AddDate(registry, "DATESTR", 1, static (in d, _, c) => FormulaValue.Text(MomentFormat.Format(d.Local(c), d.Offset(c), "YYYY-MM-DD")));
        AddDate(registry, "TIMESTR", 1, static (in d, _, c) => FormulaValue.Text(MomentFormat.Format(d.Local(c), d.Offset(c), "HH:mm:ss")));
        AddDate(registry, "DATETIME_FORMAT", 2, Format);
        AddDate(registry, "DATEADD", 3, Add, minArguments: 3);
        AddDate(registry, "SET_TIMEZONE", 2, SetTimeZone, minArguments: 2);
        AddDate(registry, "SET_LOCALE", 2, static (in d, a, _) =>
            FormulaValue.DateTime(d.UtcTicks, d.DateOnly, new DateAnnotation(d.Annotation?.Zone, a[1].ToText())), minArguments: 2);
        registry.Add("DATETIME_PARSE", 1, 3, Parse, foldable: false);
    }

    private static void AddDate(FunctionRegistry registry, string name, int maxArguments, DateFunction function, int minArguments = 1) =>
        registry.Add(
            name,
            minArguments,
            maxArguments,
            (arguments, in frame) => DateArgument.TryGet(arguments[0], out var date)
                ? function(date, arguments, frame.Context)
                : FormulaValue.GenericError,
            foldable: false);

    private static FormulaValue Today(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var local = TimeZoneInfo.ConvertTime(frame.Context.Clock.GetUtcNow(), frame.Context.TimeZone);
        return FormulaValue.Date(DateOnly.FromDateTime(local.DateTime));
    }

    private static DayOfWeek StartOfWeek(ReadOnlySpan<FormulaValue> arguments) =>
        arguments.Length > 1 && arguments[1].ToText().Trim().Equals("monday", StringComparison.OrdinalIgnoreCase)
            ? DayOfWeek.Monday
            : DayOfWeek.Sunday;

    private static FormulaValue Format(in DateArgument date, ReadOnlySpan<FormulaValue> arguments, FormulaContext context)
    {
        var format = arguments.Length > 1 && !arguments[1].IsBlank ? arguments[1].ToText() : MomentFormat.IsoFormat;
        return FormulaValue.Text(MomentFormat.Format(date.Local(context), date.Offset(context), format));
    }

    /// <summary>
    /// Fractional counts are kept for clock units and rounded for calendar units, as moment.js does.
    /// Calendar units move the UTC date, so month ends clamp (31 January + 1 month is 28/29 February).
    /// </summary>
    private static FormulaValue Add(in DateArgument date, ReadOnlySpan<FormulaValue> arguments, FormulaContext context)
    {
        var count = arguments[1].ToNumber();
        if (double.IsNaN(count) || !DateUnits.TryParse(arguments[2].ToText(), out var unit))
        {
            return FormulaValue.GenericError;
        }
        try
        {
            var utc = date.Utc;
            var result = unit switch
            {
                DateUnit.Month => utc.AddMonths((int)Math.Round(count, MidpointRounding.AwayFromZero)),
                DateUnit.Quarter => utc.AddMonths(3 * (int)Math.Round(count, MidpointRounding.AwayFromZero)),
                DateUnit.Year => utc.AddYears((int)Math.Round(count, MidpointRounding.AwayFromZero)),
                DateUnit.Day or DateUnit.Week => utc.AddTicks((long)Math.Round(count, MidpointRounding.AwayFromZero) * DateUnits.TicksPer(unit)),
                _ => utc.AddTicks((long)(count * DateUnits.TicksPer(unit))),
            };
            return date.With(result.Ticks, date.DateOnly && unit >= DateUnit.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            return FormulaValue.GenericError;
        }
    }

    private static FormulaValue SetTimeZone(in DateArgument date, ReadOnlySpan<FormulaValue> arguments, FormulaContext context) =>
        TimeZones.TryFind(arguments[1].ToText(), out var zone)
            ? FormulaValue.DateTime(date.UtcTicks, date.DateOnly, new DateAnnotation(zone, date.Annotation?.Locale))
            : FormulaValue.GenericError;

    private static FormulaValue Parse(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var input = arguments[0];
        if (input.Kind == FormulaValueKind.Date)
        {
            return input;
        }
        var text = input.ToText();
        if (arguments.Length > 1 && !arguments[1].IsBlank)
        {
            return MomentParser.TryParse(text, arguments[1].ToText(), out var parsed)
                ? FormulaValue.DateTime(parsed, false, null)
                : FormulaValue.GenericError;
        }
        return DateParsing.TryParse(text, out var ticks, out _)
            ? FormulaValue.DateTime(ticks, false, null)
            : FormulaValue.GenericError;
    }
}
