namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A table: id (<c>tbl…</c>), name, primary field, fields in order and views.</summary>
public sealed record TableSchema(
    string Id,
    string Name,
    string? Description,
    string PrimaryFieldId,
    IReadOnlyList<FieldSchema> Fields,
    IReadOnlyList<ViewSchema> Views);
