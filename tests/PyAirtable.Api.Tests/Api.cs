using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PyAirtable.Api.Tests;

/// <summary>HTTP helpers: fresh users per test, sign-in, authorized calls.</summary>
public sealed class Api(HttpClient client)
{
    public const string Password = "correct-Horse-battery-9";

    public HttpClient Client => client;

    public static string NewEmail() => $"u{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@example.test";

    public static string NewAddress() => $"10.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(1, 255)}";

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, string? address = null)
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

        request.Headers.Add("X-Test-Client", address ?? NewAddress());
        return await client.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, object? body = null, string? token = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(method, path, body, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> RegisterAsync(string email, string password = Password) =>
        (await JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password }, expected: HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<JsonElement> LoginAsync(string email, string password = Password, string? totpCode = null) =>
        await JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password, totpCode });

    /// <summary>A new user, signed in: (id, access token).</summary>
    public async Task<(string Id, string Token)> NewUserAsync()
    {
        var email = NewEmail();
        var id = await RegisterAsync(email);
        return (id, (await LoginAsync(email)).GetProperty("accessToken").GetString()!);
    }

    public async Task<string> NewWorkspaceAsync(string token) =>
        (await JsonAsync(HttpMethod.Post, "/api/v1/workspaces", new { name = "Team" }, token, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>Adds a new user to the workspace with a role through an invitation; returns their id and token.</summary>
    public async Task<(string Id, string Token)> NewMemberAsync(string workspaceId, string ownerToken, string role)
    {
        var email = NewEmail();
        var id = await RegisterAsync(email);
        var token = (await LoginAsync(email)).GetProperty("accessToken").GetString()!;
        var invitation = await JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/invitations", new { email, role }, ownerToken, HttpStatusCode.Created);
        await JsonAsync(HttpMethod.Post, $"/api/v1/invitations/{invitation.GetProperty("token").GetString()}/accept", null, token);
        return (id, token);
    }
}
