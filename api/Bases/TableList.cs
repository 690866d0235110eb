using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Bases;

/// <summary>The tables of a base, in the shape of Airtable's <c>GET /v0/meta/bases/{baseId}/tables</c>.</summary>
public sealed record TableList(IReadOnlyList<TableSchema> Tables);
