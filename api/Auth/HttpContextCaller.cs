using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.Security;

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

    public static Caller Caller(this HttpContext context) => new(context.UserId(), context.ClientAddress());
}
