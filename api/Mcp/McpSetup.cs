using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PyAirtable.Api.Mcp;

/// <summary>Registers the MCP server: its options, the session store and the server factory.</summary>
public static class McpSetup
{
    /// <summary>Adds what <c>/mcp</c> and the stdio server need; <see cref="McpOptions"/> bind from the <c>Mcp</c> section.</summary>
    public static IServiceCollection AddPyAirtableMcp(this IServiceCollection services)
    {
        services.AddOptions<McpOptions>().BindConfiguration(McpOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<McpSessions>();
        services.AddSingleton<McpServerFactory>();
        return services;
    }
}
