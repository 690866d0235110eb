using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

/// <summary>The workspace's Airtable connections and the connected bases sent through them.</summary>
public sealed partial class WorkspaceGrain
{
    public async Task AddConnectionAsync(string connectionId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller.UserId), WorkspaceRole.Admin);
        if (state.State.ConnectionIds.Contains(connectionId, StringComparer.Ordinal))
        {
            return;
        }

        state.State = state.State with { ConnectionIds = [.. state.State.ConnectionIds, connectionId] };
        await state.WriteStateAsync();
        await audit.RecordAsync("connection.create", caller.UserId, connectionId, Id, caller.ClientAddress);
    }

    public async Task<IReadOnlyList<string>> RemoveConnectionAsync(string connectionId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller.UserId), WorkspaceRole.Admin);
        if (!state.State.ConnectionIds.Contains(connectionId, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException("No such connection in this workspace.");
        }

        var bases = state.State.ConnectedBases.Where(b => b.Value == connectionId).Select(b => b.Key).ToList();
        state.State = state.State with
        {
            ConnectionIds = [.. state.State.ConnectionIds.Where(id => id != connectionId)],
            ConnectedBases = state.State.ConnectedBases.Where(b => b.Value != connectionId).ToDictionary(StringComparer.Ordinal),
        };
        await state.WriteStateAsync();
        await audit.RecordAsync("connection.delete", caller.UserId, connectionId, Id, caller.ClientAddress);
        return bases;
    }

    public Task<IReadOnlyList<string>> GetConnectionIdsAsync(string userId)
    {
        WorkspaceRules.Require(RoleOf(userId), WorkspaceRole.Admin);
        return Task.FromResult(state.State.ConnectionIds);
    }

    public async Task AddConnectedBaseAsync(string baseId, string connectionId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller.UserId), WorkspaceRole.Admin);
        if (!state.State.ConnectionIds.Contains(connectionId, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException("No such connection in this workspace.");
        }

        if (state.State.BaseIds.Contains(baseId, StringComparer.Ordinal))
        {
            throw new ConflictException("A local base of this workspace has this id.");
        }

        if (state.State.ConnectedBases.TryGetValue(baseId, out var current) && current == connectionId)
        {
            return;
        }

        state.State = state.State with { ConnectedBases = new Dictionary<string, string>(state.State.ConnectedBases, StringComparer.Ordinal) { [baseId] = connectionId } };
        await state.WriteStateAsync();
        await audit.RecordAsync("base.connect", caller.UserId, baseId, Id, caller.ClientAddress, detail: connectionId);
    }

    public async Task RemoveConnectedBaseAsync(string baseId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller.UserId), WorkspaceRole.Admin);
        if (!state.State.ConnectedBases.ContainsKey(baseId))
        {
            throw new KeyNotFoundException("No such base in this workspace.");
        }

        state.State = state.State with { ConnectedBases = state.State.ConnectedBases.Where(b => b.Key != baseId).ToDictionary(StringComparer.Ordinal) };
        await state.WriteStateAsync();
        await audit.RecordAsync("base.disconnect", caller.UserId, baseId, Id, caller.ClientAddress);
    }

    public Task<IReadOnlyDictionary<string, string>> GetConnectedBasesAsync(string userId)
    {
        WorkspaceRules.Require(RoleOf(userId), WorkspaceRole.Viewer);
        return Task.FromResult(state.State.ConnectedBases);
    }

    public Task<string?> FindConnectedBaseAsync(string baseId) =>
        Task.FromResult(Live && state.State.ConnectedBases.TryGetValue(baseId, out var connection) ? connection : null);
}
