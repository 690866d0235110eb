using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ModelContextProtocol.Client;

namespace PyAirtable.Mcp.Tests;

/// <summary>The REST side of a test: a fresh user, workspace, keys and local base, and MCP clients for them.</summary>
public sealed class Platform(HttpClient http, Uri mcpEndpoint)
{
    public const string Password = "correct-Horse-battery-9";

    public Platform(McpHost host)
        : this(new HttpClient { BaseAddress = host?.BaseAddress }, host!.McpEndpoint)
    {
    }

    public HttpClient Http => http;

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, object? body = null, string? token = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A new user, signed in: (id, access token).</summary>
    public async Task<(string Id, string Token)> NewUserAsync()
    {
        var email = $"u{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@example.test";
        var id = (await JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password = Password }, expected: HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var token = (await JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Password })).GetProperty("accessToken").GetString()!;
        return (id, token);
    }

    public async Task<string> NewWorkspaceAsync(string token) =>
        (await JsonAsync(HttpMethod.Post, "/api/v1/workspaces", new { name = "Team" }, token, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<string> KeyAsync(string token, string workspaceId, params string[] scopes) =>
        (await JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/api-keys", new { name = "mcp", scopes }, token, HttpStatusCode.Created)).GetProperty("key").GetString()!;

    /// <summary>A fresh owner, workspace, admin key and a base with a Tasks table (Name, Status, Points), through <c>/v0</c>.</summary>
    public async Task<TestBase> NewBaseAsync()
    {
        var (userId, token) = await NewUserAsync();
        var workspaceId = await NewWorkspaceAsync(token);
        var key = await KeyAsync(token, workspaceId, "read", "write", "admin");
        var created = await JsonAsync(HttpMethod.Post, "/v0/meta/bases", new
        {
            name = "MCP base",
            workspaceId,
            tables = new object[]
            {
                new
                {
                    name = "Tasks",
                    fields = new object[]
                    {
                        new { name = "Name", type = "singleLineText" },
                        new { name = "Status", type = "singleSelect", options = new { choices = new[] { new { name = "Open" }, new { name = "Done" } } } },
                        new { name = "Points", type = "number", options = new { precision = 0 } },
                        new { name = "Notes", type = "multilineText" },
                    },
                },
            },
        }, key);
        return new TestBase(userId, token, workspaceId, key, created.GetProperty("id").GetString()!);
    }

    public Task<McpClient> ConnectAsync(string bearer) => ConnectAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + bearer });

    public async Task<McpClient> ConnectAsync(IDictionary<string, string> headers, string? protocolVersion = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mcpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "pyairtable-tests", Version = "1.0" }, ProtocolVersion = protocolVersion });
    }
}
