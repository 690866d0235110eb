using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.Tests;

/// <summary>Short ways to write schema definitions, cells and writes in tests.</summary>
public static class Build
{
    public static FieldDefinition Field(string name, string type, FieldOptions? options = null) => new(name, type, null, options);

    public static TableDefinition Table(string name, params FieldDefinition[] fields) => new(name, null, fields);

    public static FieldOptions Choices(params string[] names) => new() { Choices = names.Select(n => new SelectChoice("", n, null)).ToList() };

    public static JsonElement Json(object? value) => JsonSerializer.SerializeToElement(value);

    /// <summary>Cells from name/value pairs; values are serialized as JSON as a client would send them.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Cells(params (string Field, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Field, c => c.Value is JsonElement element ? element : JsonSerializer.SerializeToElement(c.Value), StringComparer.Ordinal);

    public static RecordWrite Create(params (string Field, object? Value)[] cells) => new(null, Cells(cells));

    public static RecordWrite Update(string id, params (string Field, object? Value)[] cells) => new(id, Cells(cells));

    /// <summary>A cell of a returned record as raw JSON text, or null when the record leaves it out (empty).</summary>
    public static string? Raw(RecordData record, string field) => record.Fields.TryGetValue(field, out var value) ? value.GetRawText() : null;

    public static string? Text(RecordData record, string field) => record.Fields.TryGetValue(field, out var value) ? value.GetString() : null;

    public static double? Number(RecordData record, string field) => record.Fields.TryGetValue(field, out var value) ? value.GetDouble() : null;

    public static IReadOnlyList<string> Strings(RecordData record, string field) =>
        record.Fields.TryGetValue(field, out var value) ? value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList() : [];
}
