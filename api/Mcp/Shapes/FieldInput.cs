using System.ComponentModel;
using System.Text.Json;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A field to create.</summary>
public sealed record FieldInput([property: Description("Field name, unique in the table.")] string Name, [property: Description("Airtable field type, e.g. singleLineText, number, singleSelect, multipleRecordLinks, formula.")] string Type, [property: Description("Optional description.")] string? Description = null, [property: Description("Type options as Airtable's Web API takes them, e.g. {\"precision\":2} or {\"choices\":[{\"name\":\"Done\"}]}.")] JsonElement? Options = null);
