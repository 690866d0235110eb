namespace PyAirtable.Mcp.Tests;

/// <summary>One test's owner (id, access token), workspace, admin API key and base.</summary>
public sealed record TestBase(string OwnerId, string OwnerToken, string WorkspaceId, string Key, string BaseId);
