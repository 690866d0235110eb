using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>HTTP as the base benchmarks' clients use it: one client per subject, a credential in its default headers, JSON in and out.</summary>
internal static class BenchHttp
{
    /// <summary>A client with its own connection pool (HTTP/1.1 over loopback), sending <paramref name="credential"/> as a bearer token.</summary>
    public static HttpClient NewClient(Uri address, string? credential)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        if (credential is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        return client;
    }

    /// <summary>Sends <paramref name="body"/> as JSON and returns the JSON answer, or throws unless the status is <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
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

    /// <summary>GET that reads the whole body, as a client would; throws unless 200.</summary>
    public static async Task<int> GetAsync(HttpClient client, Uri path)
    {
        using var response = await client.GetAsync(path).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return body.Length;
    }

    /// <summary>POST of a prepared JSON body that reads the whole answer; throws unless 200.</summary>
    public static async Task PostAsync(HttpClient client, Uri path, byte[] json)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /{path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
    }
}
