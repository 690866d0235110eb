using PyAirtable.GrainInterfaces.ConnectedBases;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Problems;

/// <summary>The stable <c>type</c> URIs of PyAirtable's ProblemDetails; clients may switch on them.</summary>
public static class ProblemTypes
{
    public const string Base = "https://pyairtable.dev/problems/";

    public const string Validation = Base + "validation";

    public const string BadRequest = Base + "bad-request";

    public const string NotFound = Base + "not-found";

    public const string Conflict = Base + "conflict";

    public const string Unauthorized = Base + "unauthorized";

    public const string Forbidden = Base + "forbidden";

    public const string MethodNotAllowed = Base + "method-not-allowed";

    public const string UnsupportedMediaType = Base + "unsupported-media-type";

    public const string TooManyRequests = Base + "too-many-requests";

    public const string Unavailable = Base + "unavailable";

    public const string Timeout = Base + "timeout";

    public const string Internal = Base + "internal";

    public const string InvalidCredentials = Base + "invalid-credentials";

    public const string TwoFactorRequired = Base + "two-factor-required";

    public const string PasswordChangeRequired = Base + "password-change-required";

    public const string CredentialsRejected = Base + "credentials-rejected";

    /// <summary>A write to a connected base stopped part way; <c>written</c> and <c>notWritten</c> say how far it got.</summary>
    public const string AirtablePartialWrite = Base + "airtable/partial-write";

    /// <summary>The type of a refused base request: <c>…/base/unknown-field</c>, <c>…/base/invalid-value</c>, and so on.</summary>
    public static string ForBaseError(BaseError error) =>
        Base + "base/" + System.Text.RegularExpressions.Regex.Replace(error.ToString(), "(?<=[a-z])([A-Z])", "-$1").ToLowerInvariant();

    /// <summary>Missing things are 404; everything else a base refuses is a validation problem (422).</summary>
    public static int StatusOf(BaseError error) => error is BaseError.BaseNotFound or BaseError.TableNotFound or BaseError.RecordNotFound ? 404 : 422;

    /// <summary>The type of a failure of the Airtable gateway: <c>…/airtable/busy</c>, <c>…/airtable/token-rejected</c>, and so on.</summary>
    public static string ForAirtableFailure(AirtableFailure failure) =>
        Base + "airtable/" + System.Text.RegularExpressions.Regex.Replace(failure.ToString(), "(?<=[a-z])([A-Z])", "-$1").ToLowerInvariant();

    /// <summary>Busy and an open circuit are 503 (try later); Airtable unreachable is 502; a refused token or request is 422.</summary>
    public static int StatusOf(AirtableFailure failure) => failure switch
    {
        AirtableFailure.Busy or AirtableFailure.CircuitOpen => 503,
        AirtableFailure.Unavailable => 502,
        _ => 422,
    };

    public static string TitleOf(AirtableFailure failure) => failure switch
    {
        AirtableFailure.Busy => "Airtable is busy.",
        AirtableFailure.CircuitOpen => "Airtable is failing for this base.",
        AirtableFailure.Unavailable => "Airtable could not be reached.",
        AirtableFailure.TokenRejected => "Airtable refused the connection's token.",
        _ => "Airtable refused the request.",
    };

    /// <summary>The type for a status code that no more specific problem explains.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        415 => UnsupportedMediaType,
        422 => Validation,
        429 => TooManyRequests,
        503 => Unavailable,
        504 => Timeout,
        _ when status >= 500 => Internal,
        _ => Base + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
