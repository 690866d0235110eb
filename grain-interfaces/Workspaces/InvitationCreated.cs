namespace PyAirtable.GrainInterfaces.Workspaces;

/// <summary>A new invitation; <see cref="Token"/> is shown once and stored only hashed.</summary>
public sealed record InvitationCreated(string Id, string Token, DateTimeOffset ExpiresAt);
