namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A new local base in a workspace, with at least one table.</summary>
public sealed record CreateBaseRequest(string Name, string WorkspaceId, IReadOnlyList<TableDefinition> Tables);
