namespace PyAirtable.Api.Mcp;

/// <summary>The Streamable HTTP headers and the protocol revisions <c>/mcp</c> serves (the SDK keeps its own lists internal).</summary>
public static class McpHttp
{
    public const string SessionIdHeader = "Mcp-Session-Id";

    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    /// <summary>The revisions with the initialize handshake and sessions, oldest first.</summary>
    public static readonly IReadOnlyList<string> SessionProtocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>The revisions without sessions or initialize: each POST is served on its own, with its metadata in the request.</summary>
    public static readonly IReadOnlyList<string> StatelessProtocolVersions = ["2026-07-28"];

    public static string Version(Microsoft.AspNetCore.Http.HttpRequest request) => request?.Headers[ProtocolVersionHeader].ToString() ?? "";

    public static bool IsStateless(Microsoft.AspNetCore.Http.HttpRequest request) => StatelessProtocolVersions.Contains(Version(request));
}
