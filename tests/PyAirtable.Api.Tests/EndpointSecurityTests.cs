using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Api.Auth;

namespace PyAirtable.Api.Tests;

/// <summary>Walks every mapped endpoint: anonymous → 401; a signed-in stranger → 404 on workspace routes; a viewer → 403 where more is needed.</summary>
public sealed class EndpointSecurityTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly HashSet<string> s_anonymous = ["/health/live", "/health/ready", "/openapi/{documentName}.json", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh"];

    private static readonly string[] s_read = ["read"];

    private readonly Api _api = new(host.CreateClient());

    public static IEnumerable<(string Method, string Route, RouteEndpoint Endpoint)> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)));

    [Fact]
    public async Task EveryEndpointButTheAnonymousOnesAnswersAnonymousCallsWith401()
    {
        var checkedCount = 0;
        foreach (var (method, route, endpoint) in Endpoints(host.Services))
        {
            if (s_anonymous.Contains(route))
            {
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>() ?? (object?)(endpoint.Metadata.GetMetadata<IAuthorizeData>() is null ? "none" : null));
                continue;
            }

            using var response = await _api.SendAsync(new HttpMethod(method), Fill(route, "0123456789abcdef0123456789abcdef"), new { });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route} answered {(int)response.StatusCode} to an anonymous call");
            checkedCount++;
        }

        Assert.True(checkedCount >= 20);
    }

    [Fact]
    public async Task EveryWorkspaceRouteHidesTheWorkspaceFromNonMembersAndRefusesTooLowRoles()
    {
        var (_, owner) = await _api.NewUserAsync();
        var (_, stranger) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        var (viewerId, viewer) = await _api.NewMemberAsync(workspace, owner, "viewer");
        var routes = Endpoints(host.Services).Where(e => e.Endpoint.Metadata.GetMetadata<RequiredWorkspaceRole>() is not null).ToList();
        Assert.NotEmpty(routes);

        foreach (var (method, route, endpoint) in routes)
        {
            var path = Fill(route.Replace("{workspaceId}", workspace, StringComparison.Ordinal), viewerId);
            using var asStranger = await _api.SendAsync(new HttpMethod(method), path, new { name = "x", role = "viewer", email = Api.NewEmail(), scopes = s_read, userId = viewerId }, stranger);
            Assert.True(asStranger.StatusCode == HttpStatusCode.NotFound, $"{method} {route} answered {(int)asStranger.StatusCode} to a non-member");

            if (endpoint.Metadata.GetMetadata<RequiredWorkspaceRole>()!.Role > GrainInterfaces.Workspaces.WorkspaceRole.Viewer)
            {
                using var asViewer = await _api.SendAsync(new HttpMethod(method), path, new { name = "x", role = "viewer", email = Api.NewEmail(), scopes = s_read, userId = viewerId }, viewer);
                Assert.True(asViewer.StatusCode == HttpStatusCode.Forbidden, $"{method} {route} answered {(int)asViewer.StatusCode} to a viewer");
            }
        }
    }

    private static string Fill(string route, string value) =>
        System.Text.RegularExpressions.Regex.Replace(route, "\\{[^}]+\\}", value);
}
