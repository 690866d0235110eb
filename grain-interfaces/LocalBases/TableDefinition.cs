namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A table to create: the first field is the primary field.</summary>
public sealed record TableDefinition(string Name, string? Description, IReadOnlyList<FieldDefinition> Fields, IReadOnlyList<ViewDefinition>? Views = null);
