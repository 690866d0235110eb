namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A grid view: which records (filter formula), in which order, with which fields hidden.</summary>
public sealed record ViewSchema(
    string Id,
    string Name,
    string Type,
    string? FilterByFormula,
    IReadOnlyList<ViewSort> Sorts,
    IReadOnlyList<string> HiddenFieldIds);
