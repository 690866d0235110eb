namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>The type of a computed field's values (formula, lookup, rollup), as Airtable reports it.</summary>
public sealed record FieldResult(string Type, FieldOptions? Options);
