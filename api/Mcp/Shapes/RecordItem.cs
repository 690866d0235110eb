using System.Text.Json;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A record: empty cells are absent from its fields.</summary>
public sealed record RecordItem(string Id, string CreatedTime, IReadOnlyDictionary<string, JsonElement> Fields);
