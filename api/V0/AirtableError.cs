using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.V0;

/// <summary>An error as api.airtable.com writes it: <c>{"error":{"type":…,"message":…}}</c> with Airtable's status.</summary>
public sealed record AirtableError(int Status, string Type, string Message, int? RetryAfterSeconds = null)
{
    /// <summary>Airtable's answer to a caller over its rate limit; it must wait before trying again.</summary>
    public static AirtableError RateLimited(int retryAfterSeconds) => new(StatusCodes.Status429TooManyRequests, "RATE_LIMIT_REACHED",
        "Rate limit exceeded. Please try again later", retryAfterSeconds);

    public static AirtableError AuthenticationRequired { get; } = new(StatusCodes.Status401Unauthorized, "AUTHENTICATION_REQUIRED", "Authentication required");

    public static AirtableError ModelNotFound { get; } = new(StatusCodes.Status403Forbidden, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND",
        "Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.");

    public static AirtableError NotFound { get; } = new(StatusCodes.Status404NotFound, "NOT_FOUND", "Could not find what you are looking for");

    public static AirtableError ServerError { get; } = new(StatusCodes.Status500InternalServerError, "SERVER_ERROR", "Server error");

    public static AirtableError InvalidRequest(string message) => new(StatusCodes.Status422UnprocessableEntity, "INVALID_REQUEST_UNKNOWN", message);

    public static AirtableError Permissions(string message) => new(StatusCodes.Status403Forbidden, "INVALID_PERMISSIONS", message);

    /// <summary>The Airtable error for a refused base request.</summary>
    public static AirtableError From(BaseRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        return exception.Error switch
        {
            BaseError.BaseNotFound => ModelNotFound,
            // api.airtable.com answers an unknown table like an unknown base, so names cannot be probed.
            BaseError.TableNotFound => ModelNotFound,
            BaseError.RecordNotFound => new(StatusCodes.Status404NotFound, "NOT_FOUND", message),
            BaseError.ViewNotFound => new(StatusCodes.Status422UnprocessableEntity, "VIEW_NAME_NOT_FOUND", message),
            BaseError.UnknownField => new(StatusCodes.Status422UnprocessableEntity, "UNKNOWN_FIELD_NAME", message),
            BaseError.InvalidValue or BaseError.ComputedField => new(StatusCodes.Status422UnprocessableEntity, "INVALID_VALUE_FOR_COLUMN", message),
            BaseError.InvalidChoice => new(StatusCodes.Status422UnprocessableEntity, "INVALID_MULTIPLE_CHOICE_OPTIONS", message),
            BaseError.InvalidFilter => new(StatusCodes.Status422UnprocessableEntity, "INVALID_FILTER_BY_FORMULA", message),
            BaseError.IteratorNotAvailable => new(StatusCodes.Status422UnprocessableEntity, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE", "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"),
            BaseError.UnsupportedFieldType => new(StatusCodes.Status422UnprocessableEntity, "UNSUPPORTED_FIELD_TYPE", message),
            BaseError.DuplicateName => new(StatusCodes.Status422UnprocessableEntity, "DUPLICATE_OR_EMPTY_FIELD_NAME", message),
            _ => InvalidRequest(message),
        };
    }

    public IResult ToResult() => new ErrorResult(this);

    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ToResult().ExecuteAsync(context);
    }

    private sealed class ErrorResult(AirtableError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            if (error.RetryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return TypedResults.Json(new { error = new { type = error.Type, message = error.Message } }, statusCode: error.Status).ExecuteAsync(httpContext);
        }
    }
}
