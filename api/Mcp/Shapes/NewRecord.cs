using System.ComponentModel;
using System.Text.Json;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A record to create.</summary>
public sealed record NewRecord([property: Description("Cell values keyed by field name or id, in Airtable's cell format.")] IReadOnlyDictionary<string, JsonElement> Fields);
