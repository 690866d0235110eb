namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>Who a valid key acts for: its workspace, its creator, its scopes.</summary>
public sealed record ApiKeyIdentity(string KeyId, string WorkspaceId, string CreatedBy, IReadOnlyList<ApiKeyScope> Scopes);
