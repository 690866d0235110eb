using PyAirtable.Grains.Security;
using PyAirtable.GrainInterfaces.ApiKeys;

namespace PyAirtable.Grains.ApiKeys;

public sealed class ApiKeyGrain([PersistentState("apikey")] IPersistentState<ApiKeyState> state, TimeProvider time) : Grain, IApiKeyGrain
{
    /// <summary>Last use is stored at this granularity, so a busy key does not write on every request.</summary>
    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>What every check of the current state needs, derived from it once (see <see cref="Current"/>).</summary>
    private Verified? _verified;

    public async Task<ApiKeyInfo> CreateAsync(string workspaceId, string name, string secretHash, IReadOnlyList<ApiKeyScope> scopes, DateTimeOffset? expiresAt, string createdBy)
    {
        if (state.RecordExists)
        {
            throw new InvalidOperationException("This key id is taken.");
        }

        await WriteAsync(new ApiKeyState
        {
            WorkspaceId = workspaceId,
            Name = name,
            SecretHash = secretHash,
            Scopes = scopes,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        });
        return Info();
    }

    public Task<ApiKeyIdentity?> AuthenticateAsync(string secret)
    {
        var key = state.State;
        var now = time.GetUtcNow();
        if (!state.RecordExists || key.Revoked || key.ExpiresAt <= now)
        {
            return Task.FromResult<ApiKeyIdentity?>(null);
        }

        var verified = Current();
        if (!Secrets.Sha256Matches(secret ?? "", verified.SecretHash))
        {
            return Task.FromResult<ApiKeyIdentity?>(null);
        }

        return Task.FromResult<ApiKeyIdentity?>(LastUseDue(key, now) ? verified.DueIdentity : verified.Identity);
    }

    public async Task RecordUseAsync()
    {
        var key = state.State;
        var now = time.GetUtcNow();
        if (state.RecordExists && !key.Revoked && LastUseDue(key, now))
        {
            await WriteAsync(key with { LastUsedAt = now });
        }
    }

    public Task<ApiKeyInfo?> GetInfoAsync() => Task.FromResult(state.RecordExists ? Info() : null);

    public async Task RevokeAsync()
    {
        if (state.RecordExists && !state.State.Revoked)
        {
            await WriteAsync(state.State with { Revoked = true });
        }
    }

    private static bool LastUseDue(ApiKeyState key, DateTimeOffset now) => key.LastUsedAt is not { } last || now - last >= s_lastUsedResolution;

    private async Task WriteAsync(ApiKeyState next)
    {
        state.State = next;
        _verified = null;
        await state.WriteStateAsync();
    }

    private Verified Current()
    {
        if (_verified is { } verified)
        {
            return verified;
        }

        var key = state.State;
        var identity = new ApiKeyIdentity(this.GetPrimaryKeyString(), key.WorkspaceId, key.CreatedBy, key.Scopes);
        return _verified = new Verified(Convert.FromHexString(key.SecretHash), identity, identity with { LastUseDue = true });
    }

    private ApiKeyInfo Info()
    {
        var key = state.State;
        return new ApiKeyInfo(this.GetPrimaryKeyString(), key.Name, key.WorkspaceId, key.CreatedBy, key.Scopes, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.Revoked);
    }

    /// <summary>The stored hash as bytes, and the two identities a successful check can answer.</summary>
    private sealed record Verified(byte[] SecretHash, ApiKeyIdentity Identity, ApiKeyIdentity DueIdentity);
}
