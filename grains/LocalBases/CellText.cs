using System.Globalization;
using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>A cell as the string Airtable's UI shows (<c>cellFormat=string</c>), in a time zone and locale.</summary>
public static class CellText
{
    public static string Format(FieldSchema field, JsonElement cell, RecordView view, SchemaModel schema, TimeZoneInfo zone, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(schema);
        var options = field.Options;
        return field.Type switch
        {
            FieldTypes.Number or FieldTypes.Count or FieldTypes.AutoNumber or FieldTypes.Rating when cell.ValueKind == JsonValueKind.Number =>
                cell.GetDouble().ToString("F" + (options?.Precision ?? 0).ToString(CultureInfo.InvariantCulture), culture),
            FieldTypes.Currency when cell.ValueKind == JsonValueKind.Number =>
                (options?.Symbol ?? "$") + cell.GetDouble().ToString("N" + (options?.Precision ?? 2).ToString(CultureInfo.InvariantCulture), culture),
            FieldTypes.Percent when cell.ValueKind == JsonValueKind.Number =>
                (cell.GetDouble() * 100).ToString("F" + (options?.Precision ?? 0).ToString(CultureInfo.InvariantCulture), culture) + "%",
            FieldTypes.Duration when cell.ValueKind == JsonValueKind.Number => Duration(cell.GetDouble(), options?.DurationFormat),
            FieldTypes.Checkbox => cell.ValueKind == JsonValueKind.True ? "checked" : "",
            FieldTypes.Date when cell.ValueKind == JsonValueKind.String => Date(cell.GetString()!, options, null, culture),
            FieldTypes.DateTime or FieldTypes.CreatedTime or FieldTypes.LastModifiedTime when cell.ValueKind == JsonValueKind.String =>
                Date(cell.GetString()!, options, zone, culture),
            FieldTypes.MultipleRecordLinks => string.Join(", ", view.ValueOf(field).Elements.Select(v => v.AsString ?? Convert.ToString(v.ToClrValue(), culture))),
            FieldTypes.SingleCollaborator or FieldTypes.CreatedBy or FieldTypes.LastModifiedBy => Label(cell),
            FieldTypes.MultipleAttachments when cell.ValueKind == JsonValueKind.Array =>
                string.Join(",", cell.EnumerateArray().Select(a => $"{Property(a, "filename")} ({Property(a, "url")})")),
            FieldTypes.Barcode => Property(cell, "text"),
            _ => Plain(cell, culture),
        };
    }

    private static string Plain(JsonElement cell, CultureInfo culture) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString()!,
        JsonValueKind.Number => cell.GetDouble().ToString(culture),
        JsonValueKind.True => "checked",
        JsonValueKind.False or JsonValueKind.Null => "",
        JsonValueKind.Array => string.Join(", ", cell.EnumerateArray().Select(e => Plain(e, culture))),
        JsonValueKind.Object => Label(cell),
        _ => "",
    };

    private static string Label(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Object => Property(cell, "name") is { Length: > 0 } name ? name : Property(cell, "email") is { Length: > 0 } email ? email : Property(cell, "error"),
        JsonValueKind.Array => string.Join(", ", cell.EnumerateArray().Select(Label)),
        JsonValueKind.String => cell.GetString()!,
        _ => "",
    };

    private static string Property(JsonElement cell, string name) =>
        cell.ValueKind == JsonValueKind.Object && cell.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string Duration(double seconds, string? format)
    {
        var span = TimeSpan.FromSeconds(Math.Abs(seconds));
        var sign = seconds < 0 ? "-" : "";
        var hours = (long)span.TotalHours;
        return format switch
        {
            "h:mm:ss" => $"{sign}{hours}:{span.Minutes:00}:{span.Seconds:00}",
            "h:mm:ss.S" => $"{sign}{hours}:{span.Minutes:00}:{span.Seconds:00}.{span.Milliseconds / 100}",
            "h:mm:ss.SS" => $"{sign}{hours}:{span.Minutes:00}:{span.Seconds:00}.{span.Milliseconds / 10:00}",
            "h:mm:ss.SSS" => $"{sign}{hours}:{span.Minutes:00}:{span.Seconds:00}.{span.Milliseconds:000}",
            _ => $"{sign}{hours}:{span.Minutes:00}",
        };
    }

    private static string Date(string iso, FieldOptions? options, TimeZoneInfo? zone, CultureInfo culture)
    {
        if (!DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return iso;
        }

        var local = zone is null ? moment.UtcDateTime : TimeZoneInfo.ConvertTimeFromUtc(moment.UtcDateTime, zone);
        var date = (options?.DateFormat?.Name ?? "local") switch
        {
            "iso" => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "us" => local.ToString("M/d/yyyy", CultureInfo.InvariantCulture),
            "european" => local.ToString("d/M/yyyy", CultureInfo.InvariantCulture),
            "friendly" => local.ToString("MMMM d, yyyy", culture),
            _ => local.ToString("d", culture),
        };
        if (zone is null)
        {
            return date;
        }

        var time = options?.TimeFormat?.Name == "24hour"
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("h:mmtt", CultureInfo.InvariantCulture).ToLowerInvariant();
        return $"{date} {time}";
    }
}
