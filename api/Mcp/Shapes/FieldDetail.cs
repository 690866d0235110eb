using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>One field in full: whether it is the primary field and whether the base computes its values.</summary>
public sealed record FieldDetail(string TableId, string Id, string Name, string Type, string? Description, FieldOptions? Options, bool IsPrimary, bool IsComputed);
