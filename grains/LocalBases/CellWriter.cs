using System.Globalization;
using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// Turns a cell value from a request into the value the base stores, by field type, exactly as
/// strict as Airtable: without <c>typecast</c> the value must already have the type's JSON shape;
/// with it, strings (and numbers, booleans) are converted where Airtable would convert them.
/// Returns null for an empty value (cleared cell).
/// </summary>
public static class CellWriter
{
    private static readonly string[] _trueWords = ["true", "yes", "y", "1", "checked", "on", "x", "✓", "✔"];

    /// <exception cref="BaseRequestException">The value does not fit the field.</exception>
    public static JsonElement? Normalize(TableModel table, FieldSchema field, JsonElement value, ICellWriteContext context, JsonElement? current = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(context);
        if (FieldTypes.Computed.Contains(field.Type))
        {
            throw new BaseRequestException(BaseError.ComputedField, $"Field \"{field.Name}\" cannot accept a value because the field is computed");
        }

        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        var result = field.Type switch
        {
            FieldTypes.SingleLineText or FieldTypes.MultilineText or FieldTypes.RichText or FieldTypes.Email or FieldTypes.Url or FieldTypes.PhoneNumber
                => Text(field, value, context.Typecast),
            FieldTypes.Number or FieldTypes.Currency or FieldTypes.Percent => Number(field, value, context.Typecast),
            FieldTypes.Rating => Rating(field, value, context.Typecast),
            FieldTypes.Duration => Duration(field, value, context.Typecast),
            FieldTypes.Checkbox => Checkbox(field, value, context.Typecast),
            FieldTypes.Date => Date(field, value, context.Typecast, dateOnly: true),
            FieldTypes.DateTime => Date(field, value, context.Typecast, dateOnly: false),
            FieldTypes.SingleSelect => SingleSelect(table, field, value, context),
            FieldTypes.MultipleSelects => MultipleSelects(table, field, value, context),
            FieldTypes.SingleCollaborator => SingleCollaborator(field, value, context),
            FieldTypes.MultipleCollaborators => MultipleCollaborators(field, value, context),
            FieldTypes.MultipleRecordLinks => Links(field, value, context),
            FieldTypes.MultipleAttachments => Attachments(field, value, context.Typecast, current),
            FieldTypes.Barcode => Barcode(field, value, context.Typecast),
            _ => throw new BaseRequestException(BaseError.UnsupportedFieldType, $"Field \"{field.Name}\" has the unsupported type {field.Type}"),
        };
        return result is { } element && Json.IsEmpty(element) ? null : result;
    }

    private static BaseRequestException Invalid(FieldSchema field, string expected) =>
        new(BaseError.InvalidValue, $"Field \"{field.Name}\" cannot accept the provided value: expected {expected}");

    private static JsonElement Text(FieldSchema field, JsonElement value, bool typecast) => value.ValueKind switch
    {
        JsonValueKind.String => value,
        JsonValueKind.Number when typecast => Json.Text(value.GetRawText()),
        JsonValueKind.True or JsonValueKind.False when typecast => Json.Text(value.ValueKind == JsonValueKind.True ? "true" : "false"),
        JsonValueKind.Array when typecast => Json.Text(string.Join(", ", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))),
        _ => throw Invalid(field, "a string"),
    };

    private static double ReadNumber(FieldSchema field, JsonElement value, bool typecast, bool percent = false)
    {
        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            number = value.GetDouble();
        }
        else if (typecast && value.ValueKind == JsonValueKind.String && TryParseNumber(value.GetString()!, percent, out var parsed))
        {
            number = parsed;
        }
        else
        {
            throw Invalid(field, "a number");
        }

        return double.IsFinite(number) ? number : throw Invalid(field, "a finite number");
    }

    /// <summary>Parses "1,234.5", "$12", "50%", " 7 " the way Airtable's typecast does.</summary>
    public static bool TryParseNumber(string text, bool percent, out double number)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = text.Trim();
        var isPercent = clean.EndsWith('%');
        clean = clean.TrimEnd('%').Trim().TrimStart('$', '€', '£', '¥').Replace(",", "", StringComparison.Ordinal).Trim();
        if (!double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
        {
            return false;
        }

        if (isPercent && percent)
        {
            number /= 100;
        }

        return true;
    }

    private static JsonElement Number(FieldSchema field, JsonElement value, bool typecast)
    {
        var number = ReadNumber(field, value, typecast, field.Type == FieldTypes.Percent);
        if (field.Options?.Precision is { } precision and >= 0 and <= 8)
        {
            // Percentages are stored as fractions: 1 digit of precision shown is 3 stored.
            var digits = field.Type == FieldTypes.Percent ? Math.Min(precision + 2, 15) : precision;
            number = Math.Round(number, digits, MidpointRounding.AwayFromZero);
        }

        return Json.Number(number);
    }

    private static JsonElement Rating(FieldSchema field, JsonElement value, bool typecast)
    {
        var number = ReadNumber(field, value, typecast);
        var max = field.Options?.Max ?? 5;
        if (number == 0)
        {
            return Json.Number(0);
        }

        return number == Math.Floor(number) && number >= 1 && number <= max ? Json.Number(number) : throw Invalid(field, $"a whole number from 1 to {max}");
    }

    private static JsonElement Duration(FieldSchema field, JsonElement value, bool typecast)
    {
        if (typecast && value.ValueKind == JsonValueKind.String && TryParseDuration(value.GetString()!, out var seconds))
        {
            return Json.Number(seconds);
        }

        return Json.Number(ReadNumber(field, value, typecast));
    }

    /// <summary>"1:30" (h:mm), "1:30:15" (h:mm:ss) or a number of seconds.</summary>
    public static bool TryParseDuration(string text, out double seconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        seconds = 0;
        var parts = text.Trim().Split(':');
        if (parts.Length == 1)
        {
            return double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds);
        }

        if (parts.Length > 3)
        {
            return false;
        }

        double total = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var unit) || unit < 0)
            {
                return false;
            }

            total = (total * 60) + unit;
        }

        seconds = parts.Length == 2 ? total * 60 : total;
        return true;
    }

    private static JsonElement? Checkbox(FieldSchema field, JsonElement value, bool typecast) => value.ValueKind switch
    {
        JsonValueKind.True => Json.True,
        JsonValueKind.False => null,
        JsonValueKind.String when typecast => _trueWords.Contains(value.GetString()!.Trim(), StringComparer.OrdinalIgnoreCase) ? Json.True : null,
        JsonValueKind.Number when typecast => value.GetDouble() != 0 ? Json.True : null,
        _ => throw Invalid(field, "a boolean"),
    };

    private static JsonElement Date(FieldSchema field, JsonElement value, bool typecast, bool dateOnly)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(field, dateOnly ? "an ISO 8601 date such as \"2024-05-31\"" : "an ISO 8601 date-time such as \"2024-05-31T14:00:00.000Z\"");
        }

        var text = value.GetString()!.Trim();
        if (!TryParseDate(text, typecast, field.Options?.TimeZone, out var moment, out var hadTime))
        {
            throw Invalid(field, dateOnly ? "an ISO 8601 date such as \"2024-05-31\"" : "an ISO 8601 date-time such as \"2024-05-31T14:00:00.000Z\"");
        }

        return dateOnly
            ? Json.Text((hadTime ? moment.UtcDateTime : moment.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : Json.Text(moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// ISO 8601 always; with typecast also the usual written forms ("May 31, 2024", "5/31/2024 2pm").
    /// A date without a time is midnight in the field's time zone (UTC unless one is set).
    /// </summary>
    public static bool TryParseDate(string text, bool typecast, string? timeZone, out DateTimeOffset moment, out bool hadTime)
    {
        ArgumentNullException.ThrowIfNull(text);
        hadTime = false;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            moment = AtMidnight(day, timeZone);
            return true;
        }

        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK"], CultureInfo.InvariantCulture, styles, out moment))
        {
            hadTime = true;
            return true;
        }

        if (typecast && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out moment))
        {
            hadTime = moment.TimeOfDay != TimeSpan.Zero;
            if (!hadTime)
            {
                moment = AtMidnight(DateOnly.FromDateTime(moment.UtcDateTime), timeZone);
            }

            return true;
        }

        return false;
    }

    private static DateTimeOffset AtMidnight(DateOnly day, string? timeZone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (timeZone is null or "utc" or "client" || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return new DateTimeOffset(midnight, TimeSpan.Zero);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static string ChoiceName(FieldSchema field, JsonElement value, bool typecast) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when typecast => value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetRawText(),
        _ => throw Invalid(field, "the name of an option"),
    };

    private static string Choice(TableModel table, FieldSchema field, string name, ICellWriteContext context)
    {
        var current = context.CurrentField(table, field);
        var choices = current.Options?.Choices ?? [];
        if (choices.FirstOrDefault(c => c.Name == name) is { } exact)
        {
            return exact.Name;
        }

        if (choices.FirstOrDefault(c => c.Id == name) is { } byId)
        {
            return byId.Name;
        }

        if (!context.Typecast)
        {
            throw new BaseRequestException(BaseError.InvalidChoice, $"Insufficient permissions to create new select option \"\"{name}\"\"");
        }

        context.AddChoice(table, field, name);
        return name;
    }

    private static JsonElement SingleSelect(TableModel table, FieldSchema field, JsonElement value, ICellWriteContext context)
    {
        var name = ChoiceName(field, value, context.Typecast).Trim();
        return name.Length == 0 ? Json.Text("") : Json.Text(Choice(table, field, name, context));
    }

    private static JsonElement MultipleSelects(TableModel table, FieldSchema field, JsonElement value, ICellWriteContext context)
    {
        IEnumerable<string> names = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Select(e => ChoiceName(field, e, context.Typecast)),
            JsonValueKind.String when context.Typecast => value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => throw Invalid(field, "an array of option names"),
        };
        var chosen = new List<string>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var resolved = Choice(table, field, name, context);
            if (!chosen.Contains(resolved, StringComparer.Ordinal))
            {
                chosen.Add(resolved);
            }
        }

        return Json.Of(chosen);
    }

    private static Collaborator Collaborator(FieldSchema field, JsonElement value, ICellWriteContext context)
    {
        string? key = value.ValueKind switch
        {
            JsonValueKind.Object when value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
            JsonValueKind.Object when value.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String => email.GetString(),
            JsonValueKind.String when context.Typecast => value.GetString(),
            _ => throw Invalid(field, "a collaborator object with an id or email"),
        };
        return context.FindCollaborator(key!.Trim())
            ?? throw new BaseRequestException(BaseError.InvalidValue, $"Field \"{field.Name}\" cannot accept the provided value: \"{key}\" is not a collaborator of this base");
    }

    private static JsonElement SingleCollaborator(FieldSchema field, JsonElement value, ICellWriteContext context) =>
        Json.Of(Collaborator(field, value, context));

    private static JsonElement MultipleCollaborators(FieldSchema field, JsonElement value, ICellWriteContext context)
    {
        IEnumerable<JsonElement> items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.String or JsonValueKind.Object when context.Typecast => [value],
            _ => throw Invalid(field, "an array of collaborator objects"),
        };
        var people = new List<Collaborator>();
        foreach (var person in items.Select(item => Collaborator(field, item, context)))
        {
            if (people.All(p => p.Id != person.Id))
            {
                people.Add(person);
            }
        }

        return Json.Of(people);
    }

    private static JsonElement Links(FieldSchema field, JsonElement value, ICellWriteContext context)
    {
        var tableId = field.Options?.LinkedTableId ?? throw Invalid(field, "a linked table");
        IEnumerable<JsonElement> items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.String when context.Typecast => value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Json.Text),
            _ => throw Invalid(field, "an array of record ids"),
        };
        var ids = new List<string>();
        foreach (var item in items)
        {
            var text = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                JsonValueKind.Object when item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString()!,
                _ => throw Invalid(field, "an array of record ids"),
            };
            string id2;
            if (AirtableIds.Is(text, AirtableIds.Record) && context.RecordExists(tableId, text))
            {
                id2 = text;
            }
            else if (context.Typecast && text.Trim().Length > 0)
            {
                id2 = context.FindOrCreateByPrimary(tableId, text.Trim());
            }
            else
            {
                throw new BaseRequestException(BaseError.InvalidValue, $"Field \"{field.Name}\" cannot accept the provided value: record ID {text} does not exist in the linked table");
            }

            if (!ids.Contains(id2, StringComparer.Ordinal))
            {
                ids.Add(id2);
            }
        }

        return Json.Of(ids);
    }

    private static JsonElement Attachments(FieldSchema field, JsonElement value, bool typecast, JsonElement? current)
    {
        IEnumerable<JsonElement> items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.String when typecast => value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Json.Text),
            _ => throw Invalid(field, "an array of attachment objects with a url"),
        };
        var existing = current is { ValueKind: JsonValueKind.Array } cell
            ? cell.EnumerateArray().Where(a => a.TryGetProperty("id", out _)).ToDictionary(a => a.GetProperty("id").GetString()!, StringComparer.Ordinal)
            : [];
        var result = new List<JsonElement>();
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !item.TryGetProperty("url", out _))
            {
                result.Add(existing.TryGetValue(id.GetString()!, out var kept) ? kept : throw Invalid(field, $"an existing attachment id, not {id.GetString()}"));
                continue;
            }

            var url = item.ValueKind switch
            {
                JsonValueKind.String when typecast => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String => u.GetString(),
                _ => null,
            };
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw Invalid(field, "attachment objects with an absolute http(s) url");
            }

            var filename = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetString()!
                : Uri.UnescapeDataString(uri.Segments.LastOrDefault()?.Trim('/') ?? "") is { Length: > 0 } last ? last : "file";
            result.Add(Json.Of(new Dictionary<string, object?>
            {
                ["id"] = AirtableIds.New(AirtableIds.Attachment),
                ["url"] = uri.AbsoluteUri,
                ["filename"] = filename,
                ["type"] = MimeTypes.Guess(filename),
            }));
        }

        return Json.Of(result);
    }

    private static JsonElement Barcode(FieldSchema field, JsonElement value, bool typecast)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            var type = value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return Json.Of(type is null ? new Dictionary<string, string> { ["text"] = text.GetString()! } : new Dictionary<string, string> { ["text"] = text.GetString()!, ["type"] = type });
        }

        return typecast && value.ValueKind == JsonValueKind.String
            ? Json.Of(new Dictionary<string, string> { ["text"] = value.GetString()! })
            : throw Invalid(field, "a barcode object with text");
    }
}
