using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;

namespace PyAirtable.Api.V0;

/// <summary>
/// <c>/v0</c>: the Airtable-compatible Web API for local bases, and a proxy for connected Airtable bases (<see cref="ConnectedBaseProxy"/>). API keys and user tokens are
/// accepted; every error is Airtable's JSON, never ProblemDetails, so Airtable's SDKs work unchanged.
/// </summary>
public static class V0Endpoints
{
    public const string Prefix = "/v0";

    public static IEndpointRouteBuilder MapV0Endpoints(this IEndpointRouteBuilder app)
    {
        var v0 = app.MapGroup(Prefix)
            .WithTags("Airtable-compatible /v0")
            .RequireAuthorization()
            .WithMetadata(new AllowApiKeysAttribute())
            .AddEndpointFilter<AirtableErrorFilter>()
            .AddEndpointFilter<ConnectedBaseProxy>();
        v0.MapV0MetaEndpoints();
        v0.MapV0RecordEndpoints();
        v0.MapV0CommentEndpoints();
        return app;
    }

    public static bool IsV0(HttpContext context) => context?.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal) ?? false;
}
