using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Bases;

/// <summary>Records to create (no id) or update (id), written all or none; <c>typecast</c> converts strings.</summary>
public sealed record RecordsBody(IReadOnlyList<RecordWrite>? Records, bool Typecast = false);
