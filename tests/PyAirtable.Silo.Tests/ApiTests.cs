using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PyAirtable.Silo.Tests;

public sealed class ApiTests : IClassFixture<ApiTests.MemorySilo>
{
    private readonly HttpClient _client;

    public ApiTests(MemorySilo factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task LiveAnswersOk()
    {
        var response = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadyAnswersOkAndNamesTheStorageOnceTheRuntimeIsStarted()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.StartsWith("memory", body.GetProperty("storage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblemDetailsNotFoundWithAStableType()
    {
        var response = await _client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://pyairtable.dev/problems/not-found", problem.GetProperty("type").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task AWrongMethodIsAProblemDetailsMethodNotAllowed()
    {
        var response = await _client.PostAsync(new Uri("/health/live", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://pyairtable.dev/problems/method-not-allowed", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheHealthEndpoints()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/health/ready", out _));
        Assert.True(paths.TryGetProperty("/health/live", out _));
    }

    /// <summary>The real silo composition, in memory.</summary>
    public sealed class MemorySilo : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseSetting("Storage:Provider", "memory");
        }
    }
}
