using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary>
/// <see cref="BaseAccess"/> in Airtable's words: anything the caller may not use is Airtable's
/// "invalid permissions or model not found", so no base's existence leaks.
/// </summary>
public static class V0Access
{
    public sealed record Opened(ILocalBaseGrain Base, BaseInfo Info, Caller Caller, WorkspaceRole Role);

    public static bool IsApiKey(HttpContext context) => BaseAccess.IsApiKey(context?.User!);

    public static string? KeyWorkspace(HttpContext context) => BaseAccess.KeyWorkspace(context?.User!);

    public static IReadOnlyList<ApiKeyScope> Scopes(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BaseAccess.Scopes(context.User);
    }

    /// <summary>The caller's effective role in a workspace: the member's role, capped by the key's scopes.</summary>
    public static Task<WorkspaceRole?> RoleAsync(HttpContext context, IGrainFactory grains, string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BaseAccess.RoleAsync(context.User, grains, workspaceId);
    }

    /// <exception cref="V0Exception">The base is unknown or hidden from the caller, the role is too low, or a rate limit refused it.</exception>
    public static async Task<Opened> OpenAsync(HttpContext context, IGrainFactory grains, string baseId, WorkspaceRole needed)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await BaseAccess.FindAsync(context.User, grains, baseId);
        if (opened is null || opened.Role < needed)
        {
            throw new V0Exception(AirtableError.ModelNotFound);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<LocalBaseOptions>>().Value;
        if (await BaseAccess.AdmitAsync(context.User, grains, options, opened.Info) is { } seconds)
        {
            throw new V0Exception(AirtableError.RateLimited(seconds));
        }

        return new Opened(opened.Base, opened.Info, context.Caller(), opened.Role);
    }
}
