namespace PyAirtable.Api.Workspaces;

public sealed record WorkspaceNameRequest(string? Name);
