using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PyAirtable.Api.Tests;

/// <summary>
/// The real silo over HTTP. Cheap password hashing (the production default is proven in
/// <c>PasswordHashingTests</c>), a movable clock, a known bootstrap password, and the client
/// address taken from an <c>X-Test-Client</c> header so each test has its own throttling bucket.
/// </summary>
public class ApiHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "root@example.test";
    public const string AdminPassword = "bootstrap-Secret-1";

    public TestClock Clock { get; } = new();

    protected virtual string Provider => "memory";

    protected virtual string? ConnectionString => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Provider", Provider);
        if (ConnectionString is { } connection)
        {
            builder.UseSetting("ConnectionStrings:Postgres", connection);
        }

        builder.UseSetting("Auth:PasswordIterations", "1000");
        builder.UseSetting("Auth:AdminEmail", AdminEmail);
        builder.UseSetting("Auth:BootstrapAdminPassword", AdminPassword);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, ClientAddressFilter>();
        });
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Client"].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
