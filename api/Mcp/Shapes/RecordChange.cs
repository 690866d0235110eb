using System.Text.Json;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>
/// What a write does to one record: <c>create</c> (no before), <c>update</c> or <c>delete</c> (no
/// after), with every non-empty cell before and after. A dry run's created records have no id yet.
/// </summary>
public sealed record RecordChange(string Action, string? RecordId, IReadOnlyDictionary<string, JsonElement>? Before, IReadOnlyDictionary<string, JsonElement>? After);
