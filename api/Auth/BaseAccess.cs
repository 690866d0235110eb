using System.Security.Claims;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.RateLimits;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Grains.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Auth;

/// <summary>
/// Who may use which base, for every front end that takes a bearer principal (<c>/v0</c>, <c>/mcp</c>):
/// a member of the base's workspace with a high enough role, and for API keys only their own
/// workspace within their scopes. Each front end words the refusal in its own protocol.
/// </summary>
public static class BaseAccess
{
    /// <summary>A base the caller may use, and the role the caller acts with in its workspace.</summary>
    public sealed record Opened(ILocalBaseGrain Base, BaseInfo Info, WorkspaceRole Role);

    public static bool IsApiKey(ClaimsPrincipal user) => user?.FindFirst(AuthClaims.Kind)?.Value == AuthClaims.ApiKeyKind;

    public static string? KeyWorkspace(ClaimsPrincipal user) => IsApiKey(user) ? user.FindFirst(AuthClaims.Workspace)?.Value : null;

    public static string? KeyId(ClaimsPrincipal user) => IsApiKey(user) ? user.FindFirst(AuthClaims.KeyId)?.Value : null;

    public static IReadOnlyList<ApiKeyScope> Scopes(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(AuthClaims.Scope).Select(c => Enum.Parse<ApiKeyScope>(c.Value)).ToList();
    }

    public static string UserId(ClaimsPrincipal user) =>
        TokenService.UserIdOf(user) ?? throw new InvalidOperationException("The caller is not authenticated.");

    /// <summary>The caller's effective role in a workspace: the member's role, capped by the key's scopes.</summary>
    public static async Task<WorkspaceRole?> RoleAsync(ClaimsPrincipal user, IGrainFactory grains, string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(grains);
        var role = await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetRoleAsync(UserId(user));
        if (role is null || !IsApiKey(user))
        {
            return role;
        }

        return KeyWorkspace(user) != workspaceId ? null : (WorkspaceRole)Math.Min((int)role.Value, (int)WorkspaceRules.RoleOf(Scopes(user)));
    }

    /// <summary>The workspaces the caller can see: an API key's own, or every membership of a user.</summary>
    public static async Task<IReadOnlyList<string>> WorkspaceIdsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return KeyWorkspace(user) is { } keyWorkspace ? [keyWorkspace] : await grains.GetGrain<IUserGrain>(UserId(user)).GetMembershipsAsync();
    }

    /// <summary>
    /// The base with the caller's role in it; null when the id is not a base id, the base does not
    /// exist or the caller may not see it, so that no base's existence leaks.
    /// </summary>
    public static async Task<Opened?> FindAsync(ClaimsPrincipal user, IGrainFactory grains, string baseId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (!AirtableIds.Is(baseId, AirtableIds.Base))
        {
            return null;
        }

        var grain = grains.GetGrain<ILocalBaseGrain>(baseId);
        if (await grain.GetInfoAsync() is not { } info || await RoleAsync(user, grains, info.WorkspaceId) is not { } role)
        {
            return null;
        }

        return new Opened(grain, info, role);
    }

    /// <summary>
    /// Under Airtable parity (for the silo or this base): 5 requests a second per base and 50 per
    /// key, and a penalty for going over. Returns the seconds to wait when refused, null when admitted.
    /// </summary>
    public static async Task<int?> AdmitAsync(ClaimsPrincipal user, IGrainFactory grains, LocalBaseOptions options, BaseInfo info)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(info);
        if (!options.AirtableParity && !info.AirtableParity)
        {
            return null;
        }

        var caller = KeyId(user) is { } keyId ? "key/" + keyId : "user/" + UserId(user);
        return await grains.GetGrain<IRateLimitGrain>(caller).TryAdmitAsync(options.RequestsPerSecondPerKey, options.PenaltySeconds)
            ?? await grains.GetGrain<IRateLimitGrain>("base/" + info.Id).TryAdmitAsync(options.RequestsPerSecondPerBase, options.PenaltySeconds);
    }
}
