using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PyAirtable.Benchmarks.Mcp;

/// <summary>
/// One MCP client session over Streamable HTTP as a client library holds it: initialized once
/// (protocol 2025-11-25), then JSON-RPC requests POSTed with its <c>Mcp-Session-Id</c>, each
/// answer read whole from the event stream. Raw HTTP, so the figure is the server's cost and not
/// a client SDK's.
/// </summary>
internal sealed class McpSession(HttpClient http, string sessionId)
{
    public const string ProtocolVersion = "2025-11-25";
    private static readonly Uri s_endpoint = new("mcp", UriKind.Relative);
    private long _nextId = 1;

    public static async Task<McpSession> OpenAsync(HttpClient http)
    {
        using var initialize = Request(null, """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"pyairtable-bench","version":"1.0"}}}""");
        using var response = await http.SendAsync(initialize).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || !response.Headers.TryGetValues("Mcp-Session-Id", out var ids))
        {
            throw new InvalidOperationException($"initialize answered {(int)response.StatusCode}: {body}");
        }

        var session = new McpSession(http, ids.Single());
        using var initialized = Request(session.SessionId, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        using var accepted = await http.SendAsync(initialized).ConfigureAwait(false);
        if (accepted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"notifications/initialized answered {(int)accepted.StatusCode}.");
        }

        return session;
    }

    public string SessionId { get; } = sessionId;

    /// <summary>Calls a tool and returns the JSON-RPC result's text (the SSE data line); throws unless the answer is 200.</summary>
    public async Task<string> CallToolAsync(string argumentsJson, string tool)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        using var request = Request(SessionId, $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{argumentsJson}}}}}""");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"tools/call {tool} answered {(int)response.StatusCode}: {body}");
        }

        return DataOf(body);
    }

    /// <summary>Calls a tool as a load client does: the whole answer is read, and only its status is checked.</summary>
    public async Task CallToolQuietlyAsync(string argumentsJson, string tool)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        using var request = Request(SessionId, $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{argumentsJson}}}}}""");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
        {
            throw new InvalidOperationException($"tools/call {tool} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }
    }

    /// <summary>The JSON of the first <c>data:</c> line of an event stream, or the body itself when it is plain JSON.</summary>
    public static string DataOf(string body)
    {
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line[5..].Trim();
            }
        }

        return body;
    }

    private static HttpRequestMessage Request(string? sessionId, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, s_endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        return request;
    }

    /// <summary>Checks a list_records answer: a result (not an error) whose structured content holds <paramref name="expected"/> records.</summary>
    public static void CheckRecords(string data, int expected)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        if (!root.TryGetProperty("result", out var result) || (result.TryGetProperty("isError", out var isError) && isError.GetBoolean()))
        {
            throw new InvalidOperationException($"list_records failed: {data[..Math.Min(500, data.Length)]}");
        }

        var count = result.GetProperty("structuredContent").GetProperty("records").GetArrayLength();
        if (count != expected)
        {
            throw new InvalidOperationException($"list_records answered {count} records, expected {expected}.");
        }
    }
}
