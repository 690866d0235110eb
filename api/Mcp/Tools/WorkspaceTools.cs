using System.ComponentModel;
using ModelContextProtocol.Server;
using PyAirtable.Api.Auth;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>Platform tools: the workspaces and bases the caller can see (an API key: only its own workspace).</summary>
[McpServerToolType]
public sealed class WorkspaceTools(McpCaller caller)
{
    [McpServerTool(Name = "list_workspaces", Title = "List workspaces", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the PyAirtable workspaces you can see, with the role you act with in each (an API key sees only its own workspace, capped by its scopes).")]
    public async Task<WorkspaceList> ListWorkspacesAsync()
    {
        var workspaces = new List<WorkspaceItem>();
        foreach (var workspaceId in await BaseAccess.WorkspaceIdsAsync(caller.User, caller.Grains))
        {
            if (await BaseAccess.RoleAsync(caller.User, caller.Grains, workspaceId) is not { } role)
            {
                continue;
            }

            var summary = await caller.Grains.GetGrain<IWorkspaceGrain>(workspaceId).GetSummaryAsync(caller.UserId);
            workspaces.Add(new WorkspaceItem(summary.Id, summary.Name, role.ToString().ToLowerInvariant()));
        }

        return new WorkspaceList(workspaces);
    }

    [McpServerTool(Name = "list_bases", Title = "List bases", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the bases you can use (id app…, name, workspace, permission level read/edit/create). Start here: other tools take the base id.")]
    public async Task<BaseList> ListBasesAsync(
        [Description("Only the bases of this workspace (id from list_workspaces); omit for every workspace you can see.")] string? workspaceId = null)
    {
        var bases = new List<BaseItem>();
        foreach (var id in await BaseAccess.WorkspaceIdsAsync(caller.User, caller.Grains))
        {
            if ((workspaceId is not null && id != workspaceId.Trim()) || await BaseAccess.RoleAsync(caller.User, caller.Grains, id) is not { } role)
            {
                continue;
            }

            foreach (var baseId in await caller.Grains.GetGrain<IWorkspaceGrain>(id).GetBaseIdsAsync(caller.UserId))
            {
                if (await caller.Grains.GetGrain<ILocalBaseGrain>(baseId).GetInfoAsync() is { } info)
                {
                    bases.Add(new BaseItem(info.Id, info.Name, info.WorkspaceId, PermissionLevel(role), "local"));
                }
            }
        }

        return new BaseList(bases);
    }

    private static string PermissionLevel(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Viewer => "read",
        WorkspaceRole.Editor => "edit",
        _ => "create",
    };
}
