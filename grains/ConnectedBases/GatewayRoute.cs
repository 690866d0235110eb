using System.Text.Json;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>What a request for a base is: a read (cacheable) or a write, of which table and records, and whether it is safe to send twice.</summary>
public sealed record GatewayRoute(
    GatewayRoute.Kinds Kind,
    string? Table,
    string? RecordId,
    IReadOnlySet<string>? WrittenRecordIds,
    bool SafeToRepeat,
    string CacheKey)
{
    public enum Kinds
    {
        ListRecords,
        GetRecord,
        ListComments,
        ReadSchema,
        WriteRecords,
        WriteComments,
        WriteSchema,
    }

    /// <summary>
    /// For a list whose records come back as a single-record read would return them (no
    /// <c>fields</c>, <c>cellFormat</c>, <c>returnFieldsByFieldId</c>, <c>recordMetadata</c>, time
    /// zone or locale): the cache key of a record of the same table path without its id, so
    /// each listed record can stand for its own read. Null otherwise.
    /// </summary>
    public string? RecordKeyPrefix { get; init; }

    private static readonly string[] s_shapeNeutral = ["pageSize", "maxRecords", "offset", "view", "sort", "filterByFormula"];

    public bool IsRead => Kind is Kinds.ListRecords or Kinds.GetRecord or Kinds.ListComments or Kinds.ReadSchema;

    /// <summary>Classifies a request; only paths of <paramref name="baseId"/> under <c>/v0</c> are accepted.</summary>
    /// <exception cref="ArgumentException">The path is not one of Airtable's paths for this base.</exception>
    public static GatewayRoute Parse(string baseId, AirtableRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method.ToUpperInvariant();
        var question = request.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? request.PathAndQuery : request.PathAndQuery[..question];
        var query = question < 0 ? "" : request.PathAndQuery[(question + 1)..];
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] != "v0")
        {
            throw NotThisBase();
        }

        var key = CacheKeyOf(method, path.TrimEnd('/'), query, request.Body);
        if (segments[1] == "meta")
        {
            if (segments.Length < 5 || segments[2] != "bases" || segments[3] != baseId || segments[4] != "tables")
            {
                throw NotThisBase();
            }

            return method == "GET" && segments.Length == 5
                ? new GatewayRoute(Kinds.ReadSchema, null, null, null, true, key)
                : new GatewayRoute(Kinds.WriteSchema, null, null, null, method == "PATCH", key);
        }

        if (segments[1] != baseId || segments.Length < 3 || segments[2].Length == 0)
        {
            throw NotThisBase();
        }

        var table = Uri.UnescapeDataString(segments[2]);
        var rest = segments.Length - 3;
        return (method, rest) switch
        {
            ("GET", 0) => new(Kinds.ListRecords, table, null, null, true, key) { RecordKeyPrefix = ShapeNeutral(QueryKeys(query)) ? RecordPrefix(segments) : null },
            ("POST", 1) when segments[3] == "listRecords" => new(Kinds.ListRecords, table, null, null, true, key)
            {
                RecordKeyPrefix = ShapeNeutral(QueryKeys(query)) && ShapeNeutral(BodyKeys(request.Body)) ? RecordPrefix(segments) : null,
            },
            ("POST", 0) => new(Kinds.WriteRecords, table, null, IdsInBody(request.Body), false, key),
            ("PATCH" or "PUT", 0) => new(Kinds.WriteRecords, table, null, IdsInBody(request.Body), !IsUpsert(request.Body), key),
            ("DELETE", 0) => new(Kinds.WriteRecords, table, null, IdsInQuery(query), true, key),
            ("GET", 1) => new(Kinds.GetRecord, table, segments[3], null, true, key),
            ("PATCH" or "PUT" or "DELETE", 1) => new(Kinds.WriteRecords, table, segments[3], new HashSet<string>([segments[3]], StringComparer.Ordinal), true, key),
            ("GET", 2) when segments[4] == "comments" => new(Kinds.ListComments, table, segments[3], null, true, key),
            ("POST", 2) when segments[4] == "comments" => new(Kinds.WriteComments, table, segments[3], null, false, key),
            ("PATCH" or "DELETE", 3) when segments[4] == "comments" => new(Kinds.WriteComments, table, segments[3], null, true, key),
            _ => throw NotThisBase(),
        };
    }

    /// <summary>The key of <c>GET /v0/{base}/{table}/{id}</c> without the id and its empty query, for the table as this request names it.</summary>
    private static string RecordPrefix(string[] segments) => $"GET /{segments[0]}/{segments[1]}/{segments[2]}/";

    private static bool ShapeNeutral(IEnumerable<string>? keys) => keys is not null && keys.All(k =>
    {
        var bracket = k.IndexOf('[', StringComparison.Ordinal);
        return s_shapeNeutral.Contains(bracket < 0 ? k : k[..bracket], StringComparer.Ordinal);
    });

    private static IEnumerable<string> QueryKeys(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => Uri.UnescapeDataString(pair.Split('=', 2)[0].Replace('+', ' ')));

    /// <summary>A listRecords body's property names; null when the body is not a JSON object.</summary>
    private static List<string>? BodyKeys(string? body)
    {
        using var json = ParseBody(body);
        if (body is null || body.Trim().Length == 0)
        {
            return [];
        }

        return json is null || json.RootElement.ValueKind != JsonValueKind.Object ? null : json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    private static ArgumentException NotThisBase() => new("The path is not one of Airtable's record, comment or schema paths for this base.");

    /// <summary>Method, path and the query's pairs in key order (values keep their order), and the body of a listRecords POST.</summary>
    private static string CacheKeyOf(string method, string path, string query, string? body)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Replace('+', ' '))
            .Select(pair => pair.Split('=', 2) is [var k, var v] ? (Key: Uri.UnescapeDataString(k), Value: Uri.UnescapeDataString(v)) : (Key: Uri.UnescapeDataString(pair), Value: ""))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        return method + " " + path + "?" + string.Join("&", pairs) + (body is null ? "" : "\n" + body);
    }

    private static bool IsUpsert(string? body)
    {
        using var json = ParseBody(body);
        return json is not null && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("performUpsert", out _);
    }

    /// <summary>The record ids a PATCH or PUT names; null (all records of the table) for upserts and for anything unreadable.</summary>
    private static HashSet<string>? IdsInBody(string? body)
    {
        using var json = ParseBody(body);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object || json.RootElement.TryGetProperty("performUpsert", out _))
        {
            return null;
        }

        if (!json.RootElement.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }

    private static HashSet<string> IdsInQuery(string query) => query.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Where(pair => pair.Length == 2 && Uri.UnescapeDataString(pair[0]).StartsWith("records", StringComparison.Ordinal))
        .Select(pair => Uri.UnescapeDataString(pair[1]))
        .ToHashSet(StringComparer.Ordinal);

    private static JsonDocument? ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
