using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas;

/// <summary>What a formula needs besides the record: the clock for NOW()/TODAY() and the base's time zone.</summary>
public sealed class FormulaContext(TimeProvider? clock = null, TimeZoneInfo? timeZone = null)
{
    public static FormulaContext Default { get; } = new();

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>Zone for date parts and formatting when SET_TIMEZONE has not attached one; UTC like Airtable's GMT default.</summary>
    public TimeZoneInfo TimeZone { get; } = timeZone ?? TimeZoneInfo.Utc;

    internal TimeZoneInfo ZoneFor(in FormulaValue date) => date.TimeZone ?? TimeZone;
}
