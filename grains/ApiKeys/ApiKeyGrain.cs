using PyAirtable.Grains.Security;
using PyAirtable.GrainInterfaces.ApiKeys;

namespace PyAirtable.Grains.ApiKeys;

public sealed class ApiKeyGrain([PersistentState("apikey")] IPersistentState<ApiKeyState> state, TimeProvider time) : Grain, IApiKeyGrain
{
    /// <summary>Last use is stored at this granularity, so a busy key does not write on every request.</summary>
    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyInfo> CreateAsync(string workspaceId, string name, string secretHash, IReadOnlyList<ApiKeyScope> scopes, DateTimeOffset? expiresAt, string createdBy)
    {
        if (state.RecordExists)
        {
            throw new InvalidOperationException("This key id is taken.");
        }

        state.State = new ApiKeyState
        {
            WorkspaceId = workspaceId,
            Name = name,
            SecretHash = secretHash,
            Scopes = scopes,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        await state.WriteStateAsync();
        return Info();
    }

    public async Task<ApiKeyIdentity?> AuthenticateAsync(string secret)
    {
        var key = state.State;
        var now = time.GetUtcNow();
        if (!state.RecordExists || key.Revoked || key.ExpiresAt <= now || !Secrets.HashEquals(key.SecretHash, Secrets.Sha256(secret ?? "")))
        {
            return null;
        }

        if (key.LastUsedAt is not { } last || now - last >= s_lastUsedResolution)
        {
            state.State = key with { LastUsedAt = now };
            await state.WriteStateAsync();
        }

        return new ApiKeyIdentity(this.GetPrimaryKeyString(), key.WorkspaceId, key.CreatedBy, key.Scopes);
    }

    public Task<ApiKeyInfo?> GetInfoAsync() => Task.FromResult(state.RecordExists ? Info() : null);

    public async Task RevokeAsync()
    {
        if (state.RecordExists && !state.State.Revoked)
        {
            state.State = state.State with { Revoked = true };
            await state.WriteStateAsync();
        }
    }

    private ApiKeyInfo Info()
    {
        var key = state.State;
        return new ApiKeyInfo(this.GetPrimaryKeyString(), key.Name, key.WorkspaceId, key.CreatedBy, key.Scopes, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.Revoked);
    }
}
