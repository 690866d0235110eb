using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

/// <summary>Who may do what in a workspace, as pure functions that throw the error the caller should see.</summary>
public static class WorkspaceRules
{
    /// <summary>Non-members learn nothing (404); members below <paramref name="needed"/> are refused (403).</summary>
    public static WorkspaceRole Require(WorkspaceRole? actual, WorkspaceRole needed)
    {
        if (actual is not { } role)
        {
            throw new KeyNotFoundException("No such workspace.");
        }

        return role >= needed ? role : throw new ForbiddenException($"This needs the {needed.ToString().ToLowerInvariant()} role or higher.");
    }

    public static void CheckRoleChange(WorkspaceRole actor, WorkspaceRole current, WorkspaceRole requested, int owners)
    {
        Require(actor, WorkspaceRole.Admin);
        if ((current == WorkspaceRole.Owner || requested == WorkspaceRole.Owner) && actor != WorkspaceRole.Owner)
        {
            throw new ForbiddenException("Only owners grant or take the owner role.");
        }

        if (current == WorkspaceRole.Owner && requested != WorkspaceRole.Owner && owners <= 1)
        {
            throw new ConflictException("The last owner cannot be demoted; transfer ownership first.");
        }
    }

    public static void CheckRemoval(bool self, WorkspaceRole actor, WorkspaceRole target, int owners)
    {
        if (!self)
        {
            Require(actor, WorkspaceRole.Admin);
            if (target == WorkspaceRole.Owner && actor != WorkspaceRole.Owner)
            {
                throw new ForbiddenException("Only owners remove owners.");
            }
        }

        if (target == WorkspaceRole.Owner && owners <= 1)
        {
            throw new ConflictException("The last owner cannot leave; transfer ownership or delete the workspace.");
        }
    }

    public static void CheckInvitation(WorkspaceRole actor, WorkspaceRole invited)
    {
        Require(actor, WorkspaceRole.Admin);
        if (invited == WorkspaceRole.Owner && actor != WorkspaceRole.Owner)
        {
            throw new ForbiddenException("Only owners invite owners.");
        }
    }

    /// <summary>The role an API key acts with: its highest scope. A read-only key is a viewer and can never write.</summary>
    public static WorkspaceRole RoleOf(IReadOnlyList<ApiKeyScope> scopes) =>
        scopes is null || scopes.Count == 0 ? throw new ArgumentException("At least one scope is required.", nameof(scopes))
        : scopes.Max() switch
        {
            ApiKeyScope.Admin => WorkspaceRole.Admin,
            ApiKeyScope.Write => WorkspaceRole.Editor,
            _ => WorkspaceRole.Viewer,
        };

    public static string CleanName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is >= 1 and <= 100 ? trimmed : throw new ArgumentException("The name must have 1 to 100 characters.", nameof(name));
    }
}
