namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>One option of a single or multiple select field.</summary>
public sealed record SelectChoice(string Id, string Name, string? Color);
