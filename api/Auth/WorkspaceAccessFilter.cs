using Microsoft.AspNetCore.Http;
using PyAirtable.Api.Problems;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Auth;

/// <summary>
/// Checks the route's workspace before the handler runs: not a member (or a key of another
/// workspace) → 404, so existence is not revealed; a role or key scope below the endpoint's
/// <see cref="RequiredWorkspaceRole"/> → 403. Grains check again; this keeps the rule uniform.
/// </summary>
public sealed class WorkspaceAccessFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredWorkspaceRole>()?.Role ?? WorkspaceRole.Viewer;
        var workspaceId = http.Request.RouteValues["workspaceId"] as string ?? "";
        var role = await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetRoleAsync(http.UserId());
        if (role is not null && http.User.FindFirst(AuthClaims.Kind)?.Value == AuthClaims.ApiKeyKind)
        {
            var scopes = http.User.FindAll(AuthClaims.Scope).Select(c => Enum.Parse<ApiKeyScope>(c.Value)).ToList();
            role = http.User.FindFirst(AuthClaims.Workspace)?.Value != workspaceId ? null
                : (WorkspaceRole)Math.Min((int)role.Value, (int)WorkspaceRules.RoleOf(scopes));
        }

        if (role is null)
        {
            return TypedResults.Problem("No such workspace.", statusCode: StatusCodes.Status404NotFound, title: "Not found.", type: ProblemTypes.NotFound);
        }

        return role < required
            ? TypedResults.Problem($"This needs the {required.ToString().ToLowerInvariant()} role or higher.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", type: ProblemTypes.Forbidden)
            : await next(context);
    }
}
