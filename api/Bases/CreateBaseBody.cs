using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Bases;

/// <summary>A new local base: its name and tables (the first field of each is primary).</summary>
public sealed record CreateBaseBody(string? Name, IReadOnlyList<TableDefinition>? Tables);
