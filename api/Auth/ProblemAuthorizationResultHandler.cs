using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using PyAirtable.Api.Problems;

namespace PyAirtable.Api.Auth;

/// <summary>Answers refused requests with ProblemDetails: 401 without valid credentials, 403 with a reason.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (V0.V0Endpoints.IsV0(context) && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            // Airtable's SDKs read Airtable's error bodies, not ProblemDetails.
            await (authorizeResult.Challenged ? V0.AirtableError.AuthenticationRequired : V0.AirtableError.ModelNotFound).WriteAsync(context);
        }
        else if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await TypedResults.Problem("Sign in, or send a valid access token or API key as Authorization: Bearer.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.", type: ProblemTypes.Unauthorized).ExecuteAsync(context);
        }
        else if (authorizeResult.Forbidden)
        {
            var pending = context.User.HasClaim(AuthClaims.PasswordChangePending, "true");
            await (pending
                ? TypedResults.Problem("Change your password first (POST /api/v1/me/password).", statusCode: StatusCodes.Status403Forbidden, title: "Password change required.", type: ProblemTypes.PasswordChangeRequired)
                : TypedResults.Problem("You may not do this.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", type: ProblemTypes.Forbidden)).ExecuteAsync(context);
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
