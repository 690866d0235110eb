using System.ComponentModel;
using System.Text.Json;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>Cells to change on one record.</summary>
public sealed record RecordUpdate([property: Description("The record id (rec...).")] string Id, [property: Description("Cell values keyed by field name or id; null clears a cell.")] IReadOnlyDictionary<string, JsonElement> Fields);
