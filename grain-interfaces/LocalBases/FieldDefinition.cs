namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A field to create: name, type, options as Airtable's create-field body takes them.</summary>
public sealed record FieldDefinition(string Name, string Type, string? Description, FieldOptions? Options);
