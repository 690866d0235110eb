using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

/// <summary>A date argument after coercion (dates pass through, ISO and common text forms parse).</summary>
internal readonly record struct DateArgument(long UtcTicks, bool DateOnly, DateAnnotation? Annotation)
{
    public DateTime Utc => new(UtcTicks, DateTimeKind.Utc);

    public static bool TryGet(in FormulaValue value, out DateArgument date)
    {
        switch (value.Kind)
        {
            case FormulaValueKind.Date:
                date = new DateArgument(value.UtcTicks, value.IsDateOnly, value.Annotation);
                return true;
            case FormulaValueKind.Text when DateParsing.TryParse(value.TextUnsafe, out var ticks, out var dateOnly):
                date = new DateArgument(ticks, dateOnly, null);
                return true;
            case FormulaValueKind.Array when value.ArrayUnsafe.Length == 1:
                return TryGet(value.ArrayUnsafe[0], out date);
            default:
                date = default;
                return false;
        }
    }

    /// <summary>
    /// The zone for wall-clock parts: the one SET_TIMEZONE attached, else UTC for date-only values
    /// (a calendar date must not shift a day), else the context's zone.
    /// </summary>
    public TimeZoneInfo Zone(FormulaContext context) => Annotation?.Zone ?? (DateOnly ? TimeZoneInfo.Utc : context.TimeZone);

    public DateTime Local(FormulaContext context) => TimeZoneInfo.ConvertTimeFromUtc(Utc, Zone(context));

    public TimeSpan Offset(FormulaContext context) => Zone(context).GetUtcOffset(Utc);

    public FormulaValue With(long utcTicks, bool dateOnly) => FormulaValue.DateTime(utcTicks, dateOnly, Annotation);
}
