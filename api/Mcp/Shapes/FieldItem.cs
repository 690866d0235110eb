using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>A field of a table; type, description and options are left out at lower detail levels.</summary>
public sealed record FieldItem(string Id, string Name, string? Type = null, string? Description = null, FieldOptions? Options = null);
