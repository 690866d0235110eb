namespace PyAirtable.Api.Bases;

/// <summary>
/// A base of a workspace as the bases list shows it: <c>kind</c> is <c>local</c> (stored by
/// PyAirtable) or <c>airtable</c> (a connected Airtable base, sent through <c>connectionId</c>).
/// </summary>
public sealed record BaseListing(string Id, string Name, string Kind, string WorkspaceId, DateTimeOffset CreatedAt, bool AirtableParity, string? ConnectionId);
