using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

/// <summary>The workspace's bases: which ids belong here, so keys and members see exactly these.</summary>
public sealed partial class WorkspaceGrain
{
    public async Task AddBaseAsync(string baseId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        if (state.State.BaseIds.Contains(baseId, StringComparer.Ordinal))
        {
            return;
        }

        state.State = state.State with { BaseIds = [.. state.State.BaseIds, baseId] };
        await state.WriteStateAsync();
        await audit.RecordAsync("base.create", caller.UserId, baseId, Id, caller.ClientAddress);
    }

    public async Task RemoveBaseAsync(string baseId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        if (!state.State.BaseIds.Contains(baseId, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException("No such base in this workspace.");
        }

        state.State = state.State with { BaseIds = [.. state.State.BaseIds.Where(id => id != baseId)] };
        await state.WriteStateAsync();
        await audit.RecordAsync("base.delete", caller.UserId, baseId, Id, caller.ClientAddress);
    }

    public Task<IReadOnlyList<string>> GetBaseIdsAsync(string userId)
    {
        WorkspaceRules.Require(RoleOf(userId), WorkspaceRole.Viewer);
        return Task.FromResult(state.State.BaseIds);
    }
}
