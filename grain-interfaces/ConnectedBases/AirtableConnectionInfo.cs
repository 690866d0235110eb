namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// An Airtable connection as shown to its workspace: never the token itself, only what Airtable
/// said of it on the last check (its user id and scopes) and whether it still works.
/// </summary>
public sealed record AirtableConnectionInfo(
    string Id,
    string WorkspaceId,
    string Name,
    ConnectionStatus Status,
    string? StatusDetail,
    string? AirtableUserId,
    IReadOnlyList<string> Scopes,
    string TokenHint,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset CheckedAt);
