namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>The records an upsert wrote, in request order, and which ids it created or updated.</summary>
public sealed record UpsertResult(IReadOnlyList<RecordItem> Records, IReadOnlyList<string> CreatedRecords, IReadOnlyList<string> UpdatedRecords);
