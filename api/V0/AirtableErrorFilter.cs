using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary>
/// Turns every failure of a <c>/v0</c> handler into Airtable's error JSON: refusals with their
/// Airtable type, anything unexpected as a bare <c>SERVER_ERROR</c> (logged, never described).
/// </summary>
public sealed partial class AirtableErrorFilter(ILogger<AirtableErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (For(exception) is { } error)
        {
            if (error.Status >= 500)
            {
                Log.Failed(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, exception);
            }

            return error.ToResult();
        }
    }

    /// <summary>Airtable's error for a failure, or null for a cancelled request (nothing to answer).</summary>
    public static AirtableError? For(Exception exception) => exception switch
    {
        V0Exception v0 => v0.Error,
        AirtableGatewayException failure => ConnectedBaseProxy.ErrorOf(failure),
        BaseRequestException refused => AirtableError.From(refused),
        ForbiddenException forbidden => AirtableError.Permissions(forbidden.Message),
        KeyNotFoundException => AirtableError.ModelNotFound,
        JsonException => AirtableError.InvalidRequest("The request body is not valid JSON."),
        BadHttpRequestException => AirtableError.InvalidRequest("The request could not be read."),
        InconsistentStateException => new AirtableError(StatusCodes.Status409Conflict, "CONFLICT", "The base was changed concurrently; retry the request."),
        TimeoutException => new AirtableError(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", "The base did not answer in time; retry the request."),
        OperationCanceledException => null,
        _ => AirtableError.ServerError,
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for {Method} {Path}")]
        public static partial void Failed(ILogger logger, string method, PathString path, Exception exception);
    }
}
