namespace PyAirtable.Api.Mcp;

/// <summary>The Streamable HTTP headers and the protocol revisions <c>/mcp</c> serves (the SDK keeps its own lists internal).</summary>
public static class McpHttp
{
    public const string SessionIdHeader = "Mcp-Session-Id";

    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    /// <summary>The revisions with the initialize handshake and sessions, oldest first.</summary>
    public static readonly IReadOnlyList<string> SessionProtocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];
}
