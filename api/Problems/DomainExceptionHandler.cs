using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Problems;

/// <summary>
/// The one mapping from exceptions to ProblemDetails. Only messages of exceptions that describe
/// the caller's mistake reach the response; anything else is a 500 with a trace id and no detail.
/// </summary>
public sealed partial class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (V0.V0Endpoints.IsV0(httpContext) && V0.AirtableErrorFilter.For(exception) is { } airtable)
        {
            // A failure outside the /v0 handlers' own filter still answers in Airtable's shape.
            if (airtable.Status >= 500)
            {
                Log.Unhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            }

            await airtable.WriteAsync(httpContext);
            return true;
        }

        var (status, title, detail) = exception switch
        {
            ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden.", exception.Message),
            RecordWriteException { Cause: { } cause } => (ProblemTypes.StatusOf(cause.Failure), "Part of the write did not reach Airtable.", exception.Message),
            AirtableGatewayException failure => (ProblemTypes.StatusOf(failure.Failure), ProblemTypes.TitleOf(failure.Failure), exception.Message),
            CredentialsRejectedException => (StatusCodes.Status403Forbidden, "The credentials were rejected.", exception.Message),
            ConflictException => (StatusCodes.Status409Conflict, "Conflict.", exception.Message),
            TooManyAttemptsException => (StatusCodes.Status429TooManyRequests, "Too many attempts.", exception.Message),
            BaseRequestException refused => (ProblemTypes.StatusOf(refused.Error), "The base refused the request.", exception.Message),
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", bad.Message),
            JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON.", exception.Message),
            ArgumentException => (StatusCodes.Status400BadRequest, "The request is invalid.", exception.Message),
            KeyNotFoundException => (StatusCodes.Status404NotFound, "Not found.", exception.Message),
            InconsistentStateException => (StatusCodes.Status409Conflict, "The resource was changed concurrently; retry.", null),
            TimeoutException => (StatusCodes.Status504GatewayTimeout, "The operation timed out.", null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", null),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
        };

        if (status >= 500)
        {
            Log.Unhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        if (exception is TooManyAttemptsException throttled)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        if (((exception as RecordWriteException)?.Cause ?? exception) is AirtableGatewayException { RetryAfterSeconds: { } retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = exception switch
                {
                    CredentialsRejectedException => ProblemTypes.CredentialsRejected,
                    RecordWriteException => ProblemTypes.AirtablePartialWrite,
                    BaseRequestException refused => ProblemTypes.ForBaseError(refused.Error),
                    AirtableGatewayException failure => ProblemTypes.ForAirtableFailure(failure.Failure),
                    _ => ProblemTypes.ForStatus(status),
                },
                Extensions = AirtableExtensions(exception),
            },
        });
    }

    /// <summary>Airtable's own error body, kept for the caller as the extension <c>airtable</c>.</summary>
    private static Dictionary<string, object?> AirtableExtensions(Exception exception)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (exception is RecordWriteException partial)
        {
            extensions["written"] = partial.Written;
            extensions["notWritten"] = partial.NotWritten;
            exception = partial.Cause ?? exception;
        }

        if (exception is AirtableGatewayException { Airtable: { Length: > 0 } body } failure)
        {
            try
            {
                extensions["airtable"] = JsonSerializer.Deserialize<JsonElement>(body);
            }
            catch (JsonException)
            {
                extensions["airtable"] = body.Length > 2000 ? body[..2000] : body;
            }

            extensions["airtableStatus"] = failure.AirtableStatus;
        }

        return extensions;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, string method, PathString path, Exception exception);
    }
}
