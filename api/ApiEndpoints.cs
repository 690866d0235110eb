using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Api.Admin;
using PyAirtable.Api.ApiKeys;
using PyAirtable.Api.Auth;
using PyAirtable.Api.Bases;
using PyAirtable.Api.Connections;
using PyAirtable.Api.Health;
using PyAirtable.Api.Mcp;
using PyAirtable.Api.OpenApi;
using PyAirtable.Api.Problems;
using PyAirtable.Api.Users;
using PyAirtable.Api.V0;
using PyAirtable.Api.Workspaces;

namespace PyAirtable.Api;

/// <summary>Composes the HTTP front end: error model, OpenAPI and every feature's endpoints.</summary>
public static class ApiEndpoints
{
    /// <summary>Adds the services the endpoints need.</summary>
    public static IServiceCollection AddPyAirtableApi(this IServiceCollection services)
    {
        services.AddPyAirtableProblemDetails();
        services.AddOpenApi("v1", options => options.AddBearerSecurity());
        services.AddPyAirtableAuthentication();
        services.AddPyAirtableMcp();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return services;
    }

    /// <summary>Maps <c>/openapi/v1.json</c>, health and every feature.</summary>
    public static WebApplication MapPyAirtableApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePyAirtableProblemDetails();
        app.UseMcpOriginCheck();
        app.UseV0ErrorBodies();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapAuthEndpoints();
        app.MapMeEndpoints();
        app.MapWorkspaceEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAdminEndpoints();
        app.MapBaseEndpoints();
        app.MapConnectionEndpoints();
        app.MapV0Endpoints();
        app.MapMcpEndpoints();
        return app;
    }
}
