namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>A connected Airtable base of a workspace: its Airtable id and name, and the connection whose token it uses.</summary>
public sealed record ConnectedBaseInfo(string Id, string Name, string WorkspaceId, string ConnectionId, DateTimeOffset ConnectedAt);
