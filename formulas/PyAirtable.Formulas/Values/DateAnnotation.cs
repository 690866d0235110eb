namespace PyAirtable.Formulas.Values;

/// <summary>The time zone and locale SET_TIMEZONE and SET_LOCALE attach to a date for later formatting.</summary>
internal sealed record DateAnnotation(TimeZoneInfo? Zone, string? Locale);
