using System.Globalization;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>How records are returned: keys by id or name, which fields, JSON or UI strings, comment counts.</summary>
public sealed record OutputShape(bool ByFieldId, IReadOnlySet<string>? FieldIds, CellFormat Format, TimeZoneInfo Zone, CultureInfo Culture, bool CommentCount)
{
    public static OutputShape Default { get; } = new(false, null, CellFormat.Json, TimeZoneInfo.Utc, CultureInfo.InvariantCulture, false);

    /// <exception cref="BaseRequestException">Unknown fields, or a string format without a valid time zone and locale.</exception>
    public static OutputShape For(TableModel table, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        var fields = query.Fields is { Count: > 0 } names ? names.Select(n => table.Field(n).Id).ToHashSet(StringComparer.Ordinal) : null;
        var zone = TimeZoneInfo.Utc;
        var culture = CultureInfo.InvariantCulture;
        if (query.CellFormat == CellFormat.Text)
        {
            if (string.IsNullOrWhiteSpace(query.TimeZone) || string.IsNullOrWhiteSpace(query.UserLocale))
            {
                throw new BaseRequestException(BaseError.InvalidRequest, "The timeZone and userLocale parameters are required when using string as the cellFormat.");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(query.TimeZone, out zone!))
            {
                throw new BaseRequestException(BaseError.InvalidRequest, $"Unknown timeZone \"{query.TimeZone}\"; use an IANA name such as America/New_York.");
            }

            culture = CultureOf(query.UserLocale);
        }

        return new OutputShape(query.ReturnFieldsByFieldId, fields, query.CellFormat, zone, culture, query.IncludeCommentCount);
    }

    /// <summary>
    /// The culture of a locale tag such as <c>en-us</c>. The silo runs with invariant
    /// globalization (no ICU), so a well-formed tag without culture data formats like the
    /// invariant culture rather than failing the request.
    /// </summary>
    private static CultureInfo CultureOf(string locale)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(locale, "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))
        {
            throw new BaseRequestException(BaseError.InvalidRequest, $"Unknown userLocale \"{locale}\"; use a locale such as en-us.");
        }

        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
