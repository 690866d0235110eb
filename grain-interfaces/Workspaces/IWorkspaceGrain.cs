using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.GrainInterfaces.Workspaces;

/// <summary>
/// One workspace: name, members and roles, invitations, API keys. Every method takes the
/// caller and enforces the role rules itself; a caller who is not a member gets
/// <see cref="KeyNotFoundException"/>, so existence is not revealed.
/// </summary>
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>Creates the workspace with the caller as its owner.</summary>
    Task<WorkspaceSummary> CreateAsync(string name, Caller caller);

    /// <summary>The caller's role, or null when the workspace does not exist or the caller is not a member.</summary>
    [ReadOnly]
    Task<WorkspaceRole?> GetRoleAsync(string userId);

    /// <summary>The workspace as <paramref name="userId"/> sees it.</summary>
    [ReadOnly]
    Task<WorkspaceSummary> GetSummaryAsync(string userId);

    /// <summary>Renames the workspace (admins).</summary>
    Task<WorkspaceSummary> RenameAsync(string name, Caller caller);

    /// <summary>Deletes the workspace (owners); memberships and API keys go with it.</summary>
    Task DeleteAsync(Caller caller);

    /// <summary>The members (any member).</summary>
    [ReadOnly]
    Task<IReadOnlyList<WorkspaceMember>> GetMembersAsync(string userId);

    /// <summary>Changes a member's role (admins; only owners grant or take ownership; the last owner stays).</summary>
    Task<WorkspaceMember> ChangeRoleAsync(string memberId, WorkspaceRole role, Caller caller);

    /// <summary>Removes a member (admins, or members leaving); the last owner cannot leave.</summary>
    Task RemoveMemberAsync(string memberId, Caller caller);

    /// <summary>Invites an e-mail address with a role (admins; only owners invite owners).</summary>
    Task<InvitationCreated> InviteAsync(string email, WorkspaceRole role, Caller caller);

    /// <summary>Accepts an invitation by its token; the caller's e-mail must be the invited one.</summary>
    Task<WorkspaceSummary> AcceptInvitationAsync(string token, Caller caller);

    /// <summary>Makes another member the owner; the caller becomes an admin (owners).</summary>
    Task TransferOwnershipAsync(string newOwnerId, Caller caller);

    /// <summary>Creates an API key for this workspace (admins); the secret is in the result only.</summary>
    Task<ApiKeyCreated> CreateApiKeyAsync(string name, IReadOnlyList<ApiKeyScope> scopes, DateTimeOffset? expiresAt, Caller caller);

    /// <summary>The workspace's keys, without secrets (admins).</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string userId);

    /// <summary>Revokes a key (admins).</summary>
    Task RevokeApiKeyAsync(string keyId, Caller caller);

    /// <summary>Lists a new local base in this workspace (admins).</summary>
    Task AddBaseAsync(string baseId, Caller caller);

    /// <summary>Takes a base off this workspace (admins).</summary>
    Task RemoveBaseAsync(string baseId, Caller caller);

    /// <summary>The ids of the workspace's bases (any member).</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetBaseIdsAsync(string userId);

    /// <summary>Lists a checked Airtable connection in this workspace (admins).</summary>
    Task AddConnectionAsync(string connectionId, Caller caller);

    /// <summary>Takes a connection off this workspace with the bases that use it (admins); returns those bases' ids.</summary>
    Task<IReadOnlyList<string>> RemoveConnectionAsync(string connectionId, Caller caller);

    /// <summary>The ids of the workspace's Airtable connections (admins).</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetConnectionIdsAsync(string userId);

    /// <summary>Lists a connected Airtable base, sent through <paramref name="connectionId"/> (admins).</summary>
    Task AddConnectedBaseAsync(string baseId, string connectionId, Caller caller);

    /// <summary>Takes a connected base off this workspace (admins).</summary>
    Task RemoveConnectedBaseAsync(string baseId, Caller caller);

    /// <summary>The connected bases, base id → connection id (any member).</summary>
    [ReadOnly]
    Task<IReadOnlyDictionary<string, string>> GetConnectedBasesAsync(string userId);

    /// <summary>The connection of a connected base of this workspace, or null; callers check the role first.</summary>
    [ReadOnly]
    Task<string?> FindConnectedBaseAsync(string baseId);
}
