namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A view to create or replace; fields are named by name or id.</summary>
public sealed record ViewDefinition(string Name, string? FilterByFormula, IReadOnlyList<ViewSort>? Sorts, IReadOnlyList<string>? HiddenFields);
