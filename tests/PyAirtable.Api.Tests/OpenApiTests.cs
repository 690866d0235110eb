using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests;

/// <summary>The OpenAPI document (OWASP API9, inventory): served without sign-in, every route in it, and the bearer scheme declared.</summary>
public sealed class OpenApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task TheDocumentIsServedAnonymouslyAndListsEveryApiRoute()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        foreach (var (method, route, _) in EndpointSecurityTests.Endpoints(host.Services).Where(e => e.Route.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            var path = route.Length > 1 ? route.TrimEnd('/') : route;
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is not in the OpenAPI document");
        }
    }

    [Fact]
    public async Task TheAuthRoutesDescribeTheirBodiesAndResponses()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var route in new[] { "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh" })
        {
            var post = paths.GetProperty(route).GetProperty("post");
            Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), route);
            Assert.True(post.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')), route);
        }

        var login = paths.GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("responses");
        Assert.True(login.TryGetProperty("200", out var ok) && ok.GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task TheBearerSchemeIsDeclaredAndRequiredExceptWhereSignInIsNotNeeded()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.EnumerateObject().Single(s => s.Value.GetProperty("type").GetString() == "http");
        Assert.Equal("bearer", bearer.Value.GetProperty("scheme").GetString(), ignoreCase: true);
        var paths = document.GetProperty("paths");

        Assert.False(Secured(paths.GetProperty("/api/v1/auth/login").GetProperty("post"), bearer.Name));
        Assert.False(Secured(paths.GetProperty("/api/v1/auth/register").GetProperty("post"), bearer.Name));
        Assert.True(Secured(paths.GetProperty("/api/v1/me").GetProperty("get"), bearer.Name));
        Assert.True(Secured(paths.GetProperty("/api/v1/workspaces/{workspaceId}/api-keys").GetProperty("post"), bearer.Name));
        Assert.True(Secured(paths.GetProperty("/api/v1/admin/audit/verify").GetProperty("get"), bearer.Name));
    }

    private static bool Secured(JsonElement operation, string scheme) =>
        operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty(scheme, out _));

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
