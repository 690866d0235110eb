using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary>
/// <c>/v0</c> for connected Airtable bases: a request whose base is not a local base but a
/// connected base the caller may use goes, as it came, through that base's <see cref="IBaseGrain"/>
/// (limits, cache, coalescing) with the connection's token, and Airtable's answer goes back byte for byte.
/// Runs as an endpoint filter on every <c>/v0</c> route that names a base, before the local handlers.
/// </summary>
public sealed class ConnectedBaseProxy(IGrainFactory grains, AuditTrail audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Request.RouteValues["baseId"] is not string baseId || !AirtableIds.Is(baseId, AirtableIds.Base)
            || await grains.GetGrain<ILocalBaseGrain>(baseId).GetInfoAsync() is not null
            || await FindAsync(http, baseId) is not { } found)
        {
            return await next(context);
        }

        var (workspaceId, role) = found;
        var method = http.Request.Method.ToUpperInvariant();
        var isMeta = http.Request.Path.StartsWithSegments("/v0/meta", StringComparison.Ordinal);
        var isRead = method == "GET" || (method == "POST" && http.Request.Path.Value!.TrimEnd('/').EndsWith("/listRecords", StringComparison.Ordinal));
        var needed = isRead ? WorkspaceRole.Viewer : isMeta ? WorkspaceRole.Admin : WorkspaceRole.Editor;
        if (role < needed)
        {
            throw new V0Exception(AirtableError.ModelNotFound);
        }

        string? body = null;
        if (method is not ("GET" or "DELETE") || http.Request.ContentLength > 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted);
            body = body.Length == 0 ? null : body;
        }

        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : http.Request.Path + http.Request.QueryString;
        AirtableResponse response;
        try
        {
            response = await grains.GetGrain<IBaseGrain>(workspaceId + "/" + baseId).SendAsync(new AirtableRequest(method, target.TrimEnd('?'), body));
        }
        catch (AirtableGatewayException failure)
        {
            throw new V0Exception(ErrorOf(failure));
        }
        catch (ArgumentException)
        {
            throw new V0Exception(AirtableError.NotFound);
        }

        if (!isRead)
        {
            await audit.RecordAsync(isMeta ? "airtable.schema.write" : "airtable.records.write", http.UserId(), baseId, workspaceId, http.Caller().ClientAddress,
                response.Succeeded ? AuditOutcomes.Success : AuditOutcomes.Failure, $"{method} {http.Request.Path} → {response.Status}");
        }

        return Results.Content(response.Body, response.ContentType, statusCode: response.Status);
    }

    /// <summary>The workspace through which the caller reaches a connected base, and the caller's role there; null when none.</summary>
    private async Task<(string WorkspaceId, WorkspaceRole Role)?> FindAsync(HttpContext http, string baseId)
    {
        var workspaces = V0Access.KeyWorkspace(http) is { } keyWorkspace ? [keyWorkspace] : await grains.GetGrain<IUserGrain>(http.UserId()).GetMembershipsAsync();
        foreach (var workspaceId in workspaces)
        {
            if (await grains.GetGrain<IWorkspaceGrain>(workspaceId).FindConnectedBaseAsync(baseId) is not null
                && await V0Access.RoleAsync(http, grains, workspaceId) is { } role)
            {
                return (workspaceId, role);
            }
        }

        return null;
    }

    /// <summary>
    /// The gateway's own failures in Airtable's error shape. Busy is Airtable's own 429 with
    /// Retry-After, which every Airtable SDK already waits out; the others say that Airtable, not
    /// the caller's PyAirtable key, is the problem.
    /// </summary>
    public static AirtableError ErrorOf(AirtableGatewayException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Failure switch
        {
            AirtableFailure.Busy => AirtableError.RateLimited(failure.RetryAfterSeconds ?? 1),
            AirtableFailure.TokenRejected => new(StatusCodes.Status502BadGateway, "AIRTABLE_TOKEN_REJECTED", failure.Message),
            AirtableFailure.CircuitOpen => new(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", failure.Message, failure.RetryAfterSeconds),
            _ => new(StatusCodes.Status502BadGateway, "AIRTABLE_UNAVAILABLE", failure.Message, failure.RetryAfterSeconds),
        };
    }
}
