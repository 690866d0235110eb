using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PyAirtable.Benchmarks.Auth;

/// <summary>
/// A user made the way a client makes one, over HTTP: registered, signed in, owner of a workspace
/// with a read-scoped API key. A registered user has no first-sign-in password change to make
/// (only the bootstrap administrator has), so its access token works everywhere at once.
/// </summary>
internal sealed record BenchAccount(string Email, string Password, string UserId, string AccessToken, string WorkspaceId, string ApiKey)
{
    public const string DefaultPassword = "bench-Horse-battery-7";

    private static readonly string[] s_readScope = ["read"];

    public static async Task<BenchAccount> CreateAsync(HttpClient client)
    {
        var email = $"bench{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@example.test";
        var registered = await SendAsync(client, HttpMethod.Post, "api/v1/auth/register", new { email, password = DefaultPassword }, null, HttpStatusCode.Created).ConfigureAwait(false);
        var token = await LoginAsync(client, email, DefaultPassword).ConfigureAwait(false);
        var workspace = await SendAsync(client, HttpMethod.Post, "api/v1/workspaces", new { name = "Bench" }, token, HttpStatusCode.Created).ConfigureAwait(false);
        var workspaceId = workspace.GetProperty("id").GetString()!;
        var key = await SendAsync(client, HttpMethod.Post, $"api/v1/workspaces/{workspaceId}/api-keys", new { name = "bench", scopes = s_readScope }, token, HttpStatusCode.Created).ConfigureAwait(false);
        return new BenchAccount(email, DefaultPassword, registered.GetProperty("id").GetString()!, token, workspaceId, key.GetProperty("key").GetString()!);
    }

    /// <summary>Signs in (POST /api/v1/auth/login) and returns the access token.</summary>
    public static async Task<string> LoginAsync(HttpClient client, string email, string password) =>
        (await SendAsync(client, HttpMethod.Post, "api/v1/auth/login", new { email, password }, null, HttpStatusCode.OK).ConfigureAwait(false))
            .GetProperty("accessToken").GetString()!;

    /// <summary>Sends <paramref name="body"/> as JSON with an optional bearer token; returns the JSON answer, or throws unless the status is <paramref name="expected"/>.</summary>
    internal static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body, string? token, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} /{path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
