namespace PyAirtable.Api.Workspaces;

public sealed record TransferOwnershipRequest(string? UserId);
