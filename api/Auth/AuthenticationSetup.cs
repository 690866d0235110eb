using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PyAirtable.Api.Auth;

/// <summary>Authentication (one bearer scheme for access tokens and API keys) and the authorization policies.</summary>
public static class AuthenticationSetup
{
    public const string PlatformAdminPolicy = "PlatformAdmin";

    /// <summary>Adds the bearer scheme, a default policy for every endpoint that requires authorization, and the administrator policy.</summary>
    public static IServiceCollection AddPyAirtableAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<TokenService>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthentication(AuthClaims.Scheme).AddScheme<AuthenticationSchemeOptions, PyAirtableAuthenticationHandler>(AuthClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(Signed().Build())
            .AddPolicy(PlatformAdminPolicy, Signed().RequireClaim(AuthClaims.PlatformAdmin, "true").Build());
        return services;
    }

    /// <summary>
    /// Signed in, and: API keys only where the endpoint allows them; a user who must change their
    /// password only where the endpoint allows that.
    /// </summary>
    /// <remarks>
    /// The policy names no scheme: the bearer scheme is the default, so the authentication middleware
    /// has already set the user. Naming it made the policy evaluator authenticate again and copy
    /// the principal on every request (bench/RESULTS.md, auth).
    /// </remarks>
    private static AuthorizationPolicyBuilder Signed() => new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(context =>
        {
            var endpoint = (context.Resource as HttpContext)?.GetEndpoint();
            var apiKey = context.User.HasClaim(AuthClaims.Kind, AuthClaims.ApiKeyKind);
            var pending = context.User.HasClaim(AuthClaims.PasswordChangePending, "true");
            return (!apiKey || endpoint?.Metadata.GetMetadata<AllowApiKeysAttribute>() is not null)
                && (!pending || endpoint?.Metadata.GetMetadata<AllowPendingPasswordChangeAttribute>() is not null);
        });
}
