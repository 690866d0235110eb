using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// DNS-rebinding protection for <c>/mcp</c>: the <c>Host</c> must be an allowed host and a browser's
/// <c>Origin</c> an allowed origin, or the request is refused with 403 before authentication.
/// </summary>
public static class McpOriginCheck
{
    public static IApplicationBuilder UseMcpOriginCheck(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(McpEndpoints.Path, StringComparison.Ordinal), branch => branch.Use(async (context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<McpOptions>>().Value;
            if (Refusal(context.Request, options) is { } reason)
            {
                await McpHttpErrors.WriteAsync(context, StatusCodes.Status403Forbidden, reason);
                return;
            }

            await next(context);
        }));

    /// <summary>Why the request is refused, or null when its Host and Origin are allowed.</summary>
    public static string? Refusal(HttpRequest request, McpOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var hosts = options.EffectiveHosts;
        if (!Allowed(hosts, request.Host.Host))
        {
            return $"Forbidden: the Host '{request.Host.Value}' is not allowed for /mcp (setting Mcp:AllowedHosts).";
        }

        string origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || options.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && Allowed(hosts, uri.Host)
            ? null
            : $"Forbidden: the Origin '{origin}' is not allowed for /mcp (setting Mcp:AllowedOrigins).";
    }

    private static bool Allowed(IReadOnlyList<string> hosts, string host)
    {
        // Uri.Host keeps the brackets of an IPv6 literal, HostString.Host too.
        return hosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }
}
