using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>Sends one request to Airtable's API with a token and reads the whole answer; retries and limits are the callers'.</summary>
public sealed class AirtableClient(IHttpClientFactory factory, IOptions<AirtableOptions> options)
{
    public const string HttpClientName = "airtable";

    /// <summary>An answer, with the <c>Retry-After</c> Airtable gave (seconds), if any.</summary>
    public sealed record Answer(AirtableResponse Response, TimeSpan? RetryAfter);

    public async Task<Answer> SendAsync(string token, AirtableRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(options.Value.ApiBaseUrl, request.PathAndQuery));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        using var client = factory.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.RequestTimeoutSeconds));
        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json; charset=utf-8";
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new Answer(new AirtableResponse((int)response.StatusCode, body, contentType), retryAfter);
    }
}
