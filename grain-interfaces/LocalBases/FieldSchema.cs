namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A field of a table: id (<c>fld…</c>), name, Airtable type and options.</summary>
public sealed record FieldSchema(string Id, string Name, string Type, string? Description, FieldOptions? Options);
