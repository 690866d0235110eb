using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.V0;

/// <summary>
/// Reads Airtable's request parameters the way real clients send them: <c>fields[]</c> or
/// <c>fields</c>, <c>sort[0][field]</c>, numbers and booleans as strings, in the query or in a
/// JSON body.
/// </summary>
public static partial class V0Parameters
{
    [GeneratedRegex(@"^sort\[(\d+)\]\[(field|direction)\]$")]
    private static partial Regex SortKey();

    public static RecordQuery ListFromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sorts = new SortedDictionary<int, (string? Field, string? Direction)>();
        foreach (var (key, values) in query)
        {
            var match = SortKey().Match(key);
            if (match.Success)
            {
                var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var current = sorts.GetValueOrDefault(index);
                sorts[index] = match.Groups[2].Value == "field" ? (values.ToString(), current.Direction) : (current.Field, values.ToString());
            }
        }

        return new RecordQuery
        {
            View = One(query, "view"),
            FilterByFormula = One(query, "filterByFormula"),
            Fields = Many(query, "fields"),
            Sort = sorts.Count == 0 ? null : sorts.Values.Select(s => new ViewSort(s.Field ?? throw Invalid("Each sort needs a field."), s.Direction ?? "asc")).ToList(),
            PageSize = WholeNumber(One(query, "pageSize"), "pageSize"),
            MaxRecords = WholeNumber(One(query, "maxRecords"), "maxRecords"),
            Offset = One(query, "offset"),
            ReturnFieldsByFieldId = Flag(One(query, "returnFieldsByFieldId")),
            CellFormat = Format(One(query, "cellFormat")),
            TimeZone = One(query, "timeZone"),
            UserLocale = One(query, "userLocale"),
            IncludeCommentCount = Many(query, "recordMetadata")?.Contains("commentCount") ?? false,
        };
    }

    /// <summary>The body of <c>POST …/listRecords</c>; time zone and locale still come from the query, as in Airtable.</summary>
    public static RecordQuery ListFromBody(JsonElement body, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireObject(body);
        var sort = body.TryGetProperty("sort", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Select(e => new ViewSort(Text(e, "field") ?? throw Invalid("Each sort needs a field."), Text(e, "direction") ?? "asc")).ToList()
            : null;
        return new RecordQuery
        {
            View = Text(body, "view"),
            FilterByFormula = Text(body, "filterByFormula"),
            Fields = Strings(body, "fields"),
            Sort = sort,
            PageSize = WholeNumber(Text(body, "pageSize"), "pageSize"),
            MaxRecords = WholeNumber(Text(body, "maxRecords"), "maxRecords"),
            Offset = Text(body, "offset"),
            ReturnFieldsByFieldId = Flag(Text(body, "returnFieldsByFieldId")),
            CellFormat = Format(Text(body, "cellFormat")),
            TimeZone = One(query, "timeZone") ?? Text(body, "timeZone"),
            UserLocale = One(query, "userLocale") ?? Text(body, "userLocale"),
            IncludeCommentCount = Strings(body, "recordMetadata")?.Contains("commentCount") ?? false,
        };
    }

    public static string? One(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        var value = query.TryGetValue(name, out var plain) ? plain.ToString() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary><c>name[]=a&amp;name[]=b</c>, <c>name[0]=a</c> or <c>name=a&amp;name=b</c>.</summary>
    public static IReadOnlyList<string>? Many(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new List<string>();
        foreach (var (key, value) in query)
        {
            if (key == name || key == name + "[]" || (key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.Length > name.Length + 2 && key[(name.Length + 1)..^1].All(char.IsAsciiDigit)))
            {
                values.AddRange(value.Where(v => v is not null)!);
            }
        }

        return values.Count == 0 ? null : values;
    }

    public static bool Flag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw Invalid($"Invalid boolean \"{value}\"."),
    };

    public static int? WholeNumber(string? value, string name) => value is null
        ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw Invalid($"Invalid {name} \"{value}\": expected a whole number.");

    private static CellFormat Format(string? value) => value?.ToLowerInvariant() switch
    {
        null or "json" => CellFormat.Json,
        "string" => CellFormat.Text,
        _ => throw Invalid($"Invalid cellFormat \"{value}\": use json or string."),
    };

    public static V0Exception Invalid(string message) => new(AirtableError.InvalidRequest(message));

    public static void RequireObject(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The request body must be a JSON object.");
        }
    }

    /// <summary>A property as text: strings as they are, numbers and booleans as written, null when absent.</summary>
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw Invalid($"Invalid {name}."),
        };
    }

    public static IReadOnlyList<string>? Strings(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(e => e.GetString()!).ToList()
            : throw Invalid($"Invalid {name}: expected an array of strings.");
    }

    /// <summary>Reads the body as JSON; an empty body is an empty object.</summary>
    public static async Task<JsonElement> ReadBodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    /// <summary>The fields object of a record in a body.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Fields(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("fields", out var fields))
        {
            return new Dictionary<string, JsonElement>();
        }

        return fields.ValueKind == JsonValueKind.Object
            ? fields.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : throw Invalid("Invalid fields: expected an object.");
    }
}
