using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PyAirtable.Api.V0;

/// <summary>
/// Gives every empty error response under <c>/v0</c> Airtable's JSON body instead of
/// ProblemDetails: a path no route matches is Airtable's <c>{"error":"NOT_FOUND"}</c> (its
/// router answers an unknown method the same way), anything else an <c>{"error":{type,message}}</c>.
/// </summary>
public static class V0ErrorBodies
{
    /// <summary>Call after the ProblemDetails status pages, so this runs first for <c>/v0</c> responses.</summary>
    public static IApplicationBuilder UseV0ErrorBodies(this IApplicationBuilder app) =>
        app.UseWhen(V0Endpoints.IsV0, v0 => v0.UseStatusCodePages(context => WriteAsync(context.HttpContext)));

    private static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers.Allow = default;
            return TypedResults.Json(new { error = "NOT_FOUND" }, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
        }

        var error = status switch
        {
            StatusCodes.Status401Unauthorized => AirtableError.AuthenticationRequired,
            StatusCodes.Status403Forbidden => AirtableError.ModelNotFound,
            >= 500 => new AirtableError(status, "SERVER_ERROR", "Server error"),
            _ => new AirtableError(status, "INVALID_REQUEST_UNKNOWN", "The request could not be understood."),
        };
        return error.WriteAsync(context);
    }
}
