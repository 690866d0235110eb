using PyAirtable.GrainInterfaces.ApiKeys;

namespace PyAirtable.Api.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<ApiKeyScope>? Scopes, DateTimeOffset? ExpiresAt);
