namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A rename and/or new description of a table or field; null members stay as they are.</summary>
public sealed record SchemaUpdate(string? Name, string? Description);
