using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.Grains.Workspaces;

namespace PyAirtable.Api.Auth;

/// <summary>The signed-in caller as grains take it.</summary>
public static class HttpContextCaller
{
    public static string UserId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TokenService.UserIdOf(context.User) ?? throw new InvalidOperationException("The endpoint requires authentication.");
    }

    public static string? ClientAddress(this HttpContext context) => context?.Connection.RemoteIpAddress?.ToString();

    /// <summary>The caller; an API key also carries the role its scopes allow, which grains apply on top of its creator's role.</summary>
    public static Caller Caller(this HttpContext context)
    {
        var user = context.UserId();
        if (!context.User.HasClaim(AuthClaims.Kind, AuthClaims.ApiKeyKind))
        {
            return new Caller(user, context.ClientAddress());
        }

        var scopes = context.User.FindAll(AuthClaims.Scope).Select(c => Enum.Parse<ApiKeyScope>(c.Value)).ToList();
        return new Caller(user, context.ClientAddress(), WorkspaceRules.RoleOf(scopes));
    }
}
