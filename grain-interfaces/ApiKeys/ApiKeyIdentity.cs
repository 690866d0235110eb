namespace PyAirtable.GrainInterfaces.ApiKeys;

/// <summary>
/// Who a valid key acts for: its workspace, its creator, its scopes; and whether its stored last
/// use is due to be refreshed (<see cref="IApiKeyGrain.RecordUseAsync"/>).
/// </summary>
public sealed record ApiKeyIdentity(string KeyId, string WorkspaceId, string CreatedBy, IReadOnlyList<ApiKeyScope> Scopes, bool LastUseDue = false);
