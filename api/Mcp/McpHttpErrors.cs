using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace PyAirtable.Api.Mcp;

/// <summary>Transport-level refusals on <c>/mcp</c>, as JSON-RPC error bodies the way MCP clients read them.</summary>
public static class McpHttpErrors
{
    /// <summary>Not part of JSON-RPC; what MCP servers answer for an unknown or refused session.</summary>
    public const int ServerError = -32000;

    public const int SessionNotFound = -32001;

    public static Task WriteAsync(HttpContext context, int status, string message, int code = ServerError, RequestId id = default, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = new JsonRpcError
        {
            Id = id,
            Error = new JsonRpcErrorDetail
            {
                Code = code,
                Message = message,
                Data = data,
            },
        };
        return Results.Json<JsonRpcMessage>(error, McpJsonUtilities.DefaultOptions, statusCode: status).ExecuteAsync(context);
    }
}
