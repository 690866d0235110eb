namespace PyAirtable.Api.Workspaces;

/// <summary>No mail can be sent, so the link is returned for the inviter to pass on.</summary>
public sealed record InvitationResponse(string Id, string Token, string AcceptUrl, DateTimeOffset ExpiresAt);
