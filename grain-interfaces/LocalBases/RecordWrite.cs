using System.Text.Json;

namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>Cells to write, keyed by field name or id; a null id creates a record. JSON null clears a cell.</summary>
public sealed record RecordWrite(string? Id, IReadOnlyDictionary<string, JsonElement> Fields);
