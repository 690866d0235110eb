namespace PyAirtable.Api.Mcp;

/// <summary>Configuration section <c>Mcp</c>: who may reach <c>/mcp</c> from where, and how long idle sessions live.</summary>
public sealed class McpOptions
{
    public const string SectionName = "Mcp";

    /// <summary>Host names (without port) <c>/mcp</c> answers to; empty means localhost, 127.0.0.1 and [::1].</summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Browser origins (<c>scheme://host[:port]</c>) allowed besides those on an allowed host; a request
    /// without <c>Origin</c> (not from a browser) is allowed.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>A session with no request for this long is closed.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(2);

    public static readonly IReadOnlyList<string> LocalHosts = ["localhost", "127.0.0.1", "[::1]"];

    public IReadOnlyList<string> EffectiveHosts => AllowedHosts.Count == 0 ? LocalHosts : AllowedHosts;
}
