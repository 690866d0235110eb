namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A base with every table's schema.</summary>
public sealed record BaseSchema(BaseInfo Info, IReadOnlyList<TableSchema> Tables);
