using Microsoft.Extensions.Options;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.Grains.Users;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

/// <summary>Calls go from workspaces to users and keys, never back, so no two grains wait on each other.</summary>
public sealed partial class WorkspaceGrain(
    [PersistentState("workspace")] IPersistentState<WorkspaceState> state,
    IOptions<SecurityOptions> options,
    AuditTrail audit,
    TimeProvider time) : Grain, IWorkspaceGrain
{
    private string Id => this.GetPrimaryKeyString();

    private bool Live => state.RecordExists && !state.State.Deleted;

    private int Owners => state.State.Members.Values.Count(m => m.Role == WorkspaceRole.Owner);

    public async Task<WorkspaceSummary> CreateAsync(string name, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var clean = WorkspaceRules.CleanName(name);
        if (state.RecordExists)
        {
            throw new ConflictException("This workspace already exists.");
        }

        var now = time.GetUtcNow();
        state.State = new WorkspaceState
        {
            Name = clean,
            CreatedAt = now,
            Members = new Dictionary<string, MemberEntry> { [caller.UserId] = new(WorkspaceRole.Owner, now) },
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(caller.UserId).AddMembershipAsync(Id);
        await audit.RecordAsync("workspace.create", caller.UserId, Id, Id, caller.ClientAddress);
        return Summary(caller.UserId);
    }

    public Task<WorkspaceRole?> GetRoleAsync(string userId) => Task.FromResult(RoleOf(userId));

    public Task<WorkspaceSummary> GetSummaryAsync(string userId)
    {
        WorkspaceRules.Require(RoleOf(userId), WorkspaceRole.Viewer);
        return Task.FromResult(Summary(userId));
    }

    public async Task<WorkspaceSummary> RenameAsync(string name, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        state.State = state.State with { Name = WorkspaceRules.CleanName(name) };
        await state.WriteStateAsync();
        await audit.RecordAsync("workspace.rename", caller.UserId, Id, Id, caller.ClientAddress);
        return Summary(caller.UserId);
    }

    public async Task DeleteAsync(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Owner);
        var members = state.State.Members.Keys.ToList();
        state.State = state.State with { Deleted = true, Invitations = [] };
        await state.WriteStateAsync();
        foreach (var keyId in state.State.ApiKeyIds)
        {
            await GrainFactory.GetGrain<GrainInterfaces.ApiKeys.IApiKeyGrain>(keyId).RevokeAsync();
        }

        foreach (var member in members)
        {
            await GrainFactory.GetGrain<IUserGrain>(member).RemoveMembershipAsync(Id);
        }

        await audit.RecordAsync("workspace.delete", caller.UserId, Id, Id, caller.ClientAddress);
    }

    public Task<IReadOnlyList<WorkspaceMember>> GetMembersAsync(string userId)
    {
        WorkspaceRules.Require(RoleOf(userId), WorkspaceRole.Viewer);
        return Task.FromResult<IReadOnlyList<WorkspaceMember>>(
            [.. state.State.Members.OrderByDescending(m => m.Value.Role).ThenBy(m => m.Value.JoinedAt).Select(m => new WorkspaceMember(m.Key, m.Value.Role, m.Value.JoinedAt))]);
    }

    public async Task<WorkspaceMember> ChangeRoleAsync(string memberId, WorkspaceRole role, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        RequireDefined(role);
        var target = state.State.Members.GetValueOrDefault(memberId) ?? throw new KeyNotFoundException("No such member.");
        WorkspaceRules.CheckRoleChange(actor, target.Role, role, Owners);
        await SetMembersAsync(new Dictionary<string, MemberEntry>(state.State.Members) { [memberId] = target with { Role = role } });
        await audit.RecordAsync("workspace.member-role-change", caller.UserId, memberId, Id, caller.ClientAddress, detail: role.ToString().ToLowerInvariant());
        return new WorkspaceMember(memberId, role, target.JoinedAt);
    }

    public async Task RemoveMemberAsync(string memberId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Viewer);
        var target = state.State.Members.GetValueOrDefault(memberId) ?? throw new KeyNotFoundException("No such member.");
        // Leaving is the user's own act: a key removing its creator is removing a member like any other.
        WorkspaceRules.CheckRemoval(memberId == caller.UserId && caller.RoleLimit is null, actor, target.Role, Owners);
        var members = new Dictionary<string, MemberEntry>(state.State.Members);
        members.Remove(memberId);
        await SetMembersAsync(members);
        await GrainFactory.GetGrain<IUserGrain>(memberId).RemoveMembershipAsync(Id);
        await RevokeKeysOfAsync(memberId);
        await audit.RecordAsync("workspace.member-remove", caller.UserId, memberId, Id, caller.ClientAddress);
    }

    public async Task TransferOwnershipAsync(string newOwnerId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Owner);
        var target = state.State.Members.GetValueOrDefault(newOwnerId) ?? throw new KeyNotFoundException("No such member.");
        if (newOwnerId == caller.UserId)
        {
            throw new ArgumentException("You already own this workspace.", nameof(newOwnerId));
        }

        var members = new Dictionary<string, MemberEntry>(state.State.Members)
        {
            [newOwnerId] = target with { Role = WorkspaceRole.Owner },
            [caller.UserId] = state.State.Members[caller.UserId] with { Role = WorkspaceRole.Admin },
        };
        await SetMembersAsync(members);
        await audit.RecordAsync("workspace.ownership-transfer", caller.UserId, newOwnerId, Id, caller.ClientAddress);
    }

    public async Task<InvitationCreated> InviteAsync(string email, WorkspaceRole role, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = WorkspaceRules.Require(RoleOf(caller), WorkspaceRole.Admin);
        RequireDefined(role);
        WorkspaceRules.CheckInvitation(actor, role);
        var normalized = EmailAddress.Validate(email, nameof(email));
        var token = Id + "." + Secrets.NewToken();
        var invitation = new Invitation(Secrets.NewId(), Secrets.Sha256(token), normalized, role, time.GetUtcNow() + options.Value.InvitationLifetime, caller.UserId, false);
        state.State = state.State with { Invitations = [.. state.State.Invitations.Where(i => !i.Used && i.ExpiresAt > time.GetUtcNow()), invitation] };
        await state.WriteStateAsync();
        await audit.RecordAsync("workspace.invite", caller.UserId, normalized, Id, caller.ClientAddress, detail: role.ToString().ToLowerInvariant());
        return new InvitationCreated(invitation.Id, token, invitation.ExpiresAt);
    }

    public async Task<WorkspaceSummary> AcceptInvitationAsync(string token, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var hash = Secrets.Sha256(token ?? "");
        var invitation = Live ? state.State.Invitations.FirstOrDefault(i => Secrets.HashEquals(i.TokenHash, hash)) : null;
        if (invitation is null || invitation.Used || invitation.ExpiresAt <= time.GetUtcNow())
        {
            throw new KeyNotFoundException("No such invitation, or it expired.");
        }

        var profile = await GrainFactory.GetGrain<IUserGrain>(caller.UserId).GetProfileAsync();
        if (profile.Email != invitation.Email)
        {
            throw new ForbiddenException("This invitation is for another e-mail address.");
        }

        var members = new Dictionary<string, MemberEntry>(state.State.Members);
        if (!members.TryGetValue(caller.UserId, out var existing) || existing.Role < invitation.Role)
        {
            members[caller.UserId] = new MemberEntry(invitation.Role, existing?.JoinedAt ?? time.GetUtcNow());
        }

        state.State = state.State with
        {
            Members = members,
            Invitations = [.. state.State.Invitations.Select(i => i.Id == invitation.Id ? i with { Used = true } : i)],
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(caller.UserId).AddMembershipAsync(Id);
        await audit.RecordAsync("workspace.member-add", caller.UserId, caller.UserId, Id, caller.ClientAddress, detail: invitation.Role.ToString().ToLowerInvariant());
        return Summary(caller.UserId);
    }

    private WorkspaceRole? RoleOf(string userId) => Live && state.State.Members.TryGetValue(userId, out var member) ? member.Role : null;

    /// <summary>The caller's role, no higher than the limit of the API key it came with.</summary>
    private WorkspaceRole? RoleOf(Caller caller)
    {
        var role = RoleOf(caller.UserId);
        return role is { } own && caller.RoleLimit is { } limit && limit < own ? limit : role;
    }

    private WorkspaceSummary Summary(string userId) => new(Id, state.State.Name, state.State.Members[userId].Role, state.State.CreatedAt);

    private async Task SetMembersAsync(Dictionary<string, MemberEntry> members)
    {
        state.State = state.State with { Members = members };
        await state.WriteStateAsync();
    }

    private static void RequireDefined(WorkspaceRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentException("The role must be owner, admin, editor or viewer.", nameof(role));
        }
    }
}
