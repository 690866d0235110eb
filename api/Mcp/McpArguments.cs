using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace PyAirtable.Api.Mcp;

/// <summary>Names the argument whose JSON kind does not fit the tool's input schema, for a message a model can act on.</summary>
public static class McpArguments
{
    /// <summary>"records must be an array (got a string)" for the first mismatching argument, or null when every kind fits.</summary>
    public static string? Mismatch(Tool tool, IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (arguments is null || !tool.InputSchema.TryGetProperty("properties", out var properties))
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var schema) || !schema.TryGetProperty("type", out var type))
            {
                continue;
            }

            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            if (!allowed.Any(t => Fits(t, value)))
            {
                return $"{name} must be {string.Join(" or ", allowed.Where(t => t != "null").Select(Article))} (got {Article(Kind(value))}).";
            }
        }

        return null;
    }

    private static bool Fits(string? type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string Article(string? type) => type switch
    {
        "array" or "object" or "integer" => "an " + type,
        null => "a value",
        _ => "a " + type,
    };
}
