using PyAirtable.Grains.Security;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

/// <summary>The workspace's API keys: created, listed and revoked here, so only its admins manage them.</summary>
public sealed partial class WorkspaceGrain
{
    public const string ApiKeyPrefix = "pyat_";

    public async Task<ApiKeyCreated> CreateApiKeyAsync(string name, IReadOnlyList<ApiKeyScope> scopes, DateTimeOffset? expiresAt, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        var clean = WorkspaceRules.CleanName(name);
        if (scopes is null || scopes.Count == 0 || scopes.Any(s => !Enum.IsDefined(s)))
        {
            throw new ArgumentException("Scopes must be one or more of read, write, admin.", nameof(scopes));
        }

        if (WorkspaceRules.RoleOf(scopes) > actor)
        {
            throw new ForbiddenException("A key cannot have more rights than its creator.");
        }

        if (expiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            throw new ArgumentException("The expiry must be in the future.", nameof(expiresAt));
        }

        var id = Secrets.NewId();
        var secret = Secrets.NewToken();
        var info = await GrainFactory.GetGrain<IApiKeyGrain>(id).CreateAsync(Id, clean, Secrets.Sha256(secret), [.. scopes.Distinct().Order()], expiresAt, caller.UserId);
        state.State = state.State with { ApiKeyIds = [.. state.State.ApiKeyIds, id] };
        await state.WriteStateAsync();
        await audit.RecordAsync("apikey.create", caller.UserId, id, Id, caller.ClientAddress);
        return new ApiKeyCreated(id, ApiKeyPrefix + id + secret, info);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string userId)
    {
        WorkspaceRules.Require(RoleOf(userId), WorkspaceRole.Admin);
        var keys = new List<ApiKeyInfo>();
        foreach (var id in state.State.ApiKeyIds)
        {
            if (await GrainFactory.GetGrain<IApiKeyGrain>(id).GetInfoAsync() is { Revoked: false } info)
            {
                keys.Add(info);
            }
        }

        return keys;
    }

    public async Task RevokeApiKeyAsync(string keyId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        if (!state.State.ApiKeyIds.Contains(keyId))
        {
            throw new KeyNotFoundException("No such API key.");
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync();
        state.State = state.State with { ApiKeyIds = [.. state.State.ApiKeyIds.Where(k => k != keyId)] };
        await state.WriteStateAsync();
        await audit.RecordAsync("apikey.revoke", caller.UserId, keyId, Id, caller.ClientAddress);
    }

    private async Task RevokeKeysOfAsync(string userId)
    {
        foreach (var id in state.State.ApiKeyIds)
        {
            var key = GrainFactory.GetGrain<IApiKeyGrain>(id);
            if (await key.GetInfoAsync() is { Revoked: false } info && info.CreatedBy == userId)
            {
                await key.RevokeAsync();
            }
        }
    }
}
