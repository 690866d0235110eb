using Microsoft.AspNetCore.Http;
using PyAirtable.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.RateLimits;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Grains.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary>
/// Who may use which base on <c>/v0</c>: a member of the base's workspace with a high enough
/// role, and for API keys only their own workspace within their scopes. Anything else is
/// Airtable's "invalid permissions or model not found", so no base's existence leaks.
/// </summary>
public static class V0Access
{
    public sealed record Opened(ILocalBaseGrain Base, BaseInfo Info, Caller Caller, WorkspaceRole Role);

    public static bool IsApiKey(HttpContext context) =>
        context?.User.FindFirst(AuthClaims.Kind)?.Value == AuthClaims.ApiKeyKind;

    public static string? KeyWorkspace(HttpContext context) => IsApiKey(context) ? context.User.FindFirst(AuthClaims.Workspace)?.Value : null;

    public static IReadOnlyList<ApiKeyScope> Scopes(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.FindAll(AuthClaims.Scope).Select(c => Enum.Parse<ApiKeyScope>(c.Value)).ToList();
    }

    /// <summary>The caller's effective role in a workspace: the member's role, capped by the key's scopes.</summary>
    public static async Task<WorkspaceRole?> RoleAsync(HttpContext context, IGrainFactory grains, string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grains);
        var role = await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetRoleAsync(context.UserId());
        if (role is null || !IsApiKey(context))
        {
            return role;
        }

        return KeyWorkspace(context) != workspaceId ? null : (WorkspaceRole)Math.Min((int)role.Value, (int)WorkspaceRules.RoleOf(Scopes(context)));
    }

    /// <exception cref="V0Exception">The base is unknown or hidden from the caller, or the role is too low.</exception>
    public static async Task<Opened> OpenAsync(HttpContext context, IGrainFactory grains, string baseId, WorkspaceRole needed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grains);
        if (!AirtableIds.Is(baseId, AirtableIds.Base))
        {
            throw new V0Exception(AirtableError.ModelNotFound);
        }

        var grain = grains.GetGrain<ILocalBaseGrain>(baseId);
        var info = await grain.GetInfoAsync() ?? throw new V0Exception(AirtableError.ModelNotFound);
        var role = await RoleAsync(context, grains, info.WorkspaceId) ?? throw new V0Exception(AirtableError.ModelNotFound);
        if (role < needed)
        {
            throw new V0Exception(AirtableError.ModelNotFound);
        }

        await AdmitAsync(context, grains, info);

        return new Opened(grain, info, context.Caller(), role);
    }

    /// <summary>
    /// Under Airtable parity (for the silo or this base): 5 requests a second per base and 50 per
    /// key, and a 30-second penalty for going over, answered with 429 and Retry-After like Airtable.
    /// </summary>
    private static async Task AdmitAsync(HttpContext context, IGrainFactory grains, BaseInfo info)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<LocalBaseOptions>>().Value;
        if (!options.AirtableParity && !info.AirtableParity)
        {
            return;
        }

        var caller = IsApiKey(context) ? "key/" + context.User.FindFirst(AuthClaims.KeyId)?.Value : "user/" + context.UserId();
        var wait = await grains.GetGrain<IRateLimitGrain>(caller).TryAdmitAsync(options.RequestsPerSecondPerKey, options.PenaltySeconds)
            ?? await grains.GetGrain<IRateLimitGrain>("base/" + info.Id).TryAdmitAsync(options.RequestsPerSecondPerBase, options.PenaltySeconds);
        if (wait is { } seconds)
        {
            throw new V0Exception(AirtableError.RateLimited(seconds));
        }
    }
}
