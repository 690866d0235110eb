using System.Text.Json;
using PyAirtable.Runtime.Storage;

namespace PyAirtable.Grains.LocalBases;

/// <summary>Small helpers for cells held as <see cref="JsonElement"/>s.</summary>
public static class Json
{
    public static JsonElement Of<T>(T value) => JsonSerializer.SerializeToElement(value, StateSerializer.Options);

    public static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);

    public static JsonElement Number(double value) => JsonSerializer.SerializeToElement(value);

    public static JsonElement True { get; } = JsonSerializer.SerializeToElement(true);

    /// <summary>Whether a cell counts as empty in Airtable's sense (absent from the record's fields).</summary>
    public static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => true,
        // Compared in place: reading the string would allocate it for every cell of every record listed.
        JsonValueKind.String => value.ValueEquals(ReadOnlySpan<byte>.Empty),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    /// <summary>Structural equality of two cells (object member order ignored).</summary>
    public static bool Same(JsonElement? a, JsonElement? b)
    {
        if (a is null || b is null)
        {
            return (a is null || IsEmpty(a.Value)) && (b is null || IsEmpty(b.Value));
        }

        return JsonElement.DeepEquals(a.Value, b.Value);
    }

    /// <summary>A JSON value as a plain CLR value: string, double, bool, arrays of those, objects as <see cref="JsonElement"/>.</summary>
    public static object? ToClr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(ToClr).ToArray(),
        JsonValueKind.Object => value,
        _ => null,
    };
}
