namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A local base as listed: id (<c>app…</c>), name, its workspace, and whether it enforces Airtable's rate limits.</summary>
public sealed record BaseInfo(string Id, string Name, string WorkspaceId, bool AirtableParity, DateTimeOffset CreatedAt);
