namespace PyAirtable.GrainInterfaces.Changes;

/// <summary>The name and description of a table or field (what schema updates change); a null entry stands for a table or field that did not exist.</summary>
public sealed record SchemaText(string Name, string? Description);
