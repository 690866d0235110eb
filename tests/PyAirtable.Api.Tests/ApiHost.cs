using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PyAirtable.Runtime.Streams;

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

    private static readonly Lock s_building = new();

    public TestClock Clock { get; } = new();

    /// <summary>What the host logged at the levels the silo ships with (<c>silo/appsettings.json</c>), and everything from PyAirtable's own code.</summary>
    public LogCapture Logs { get; } = new();

    protected virtual int PasswordIterations => 1000;

    /// <summary>The first administrator's password; null lets the silo generate one and print it, as in production.</summary>
    protected virtual string? BootstrapPassword => AdminPassword;

    protected virtual string Provider => "memory";

    protected virtual string? ConnectionString => null;

    /// <summary>
    /// Under WebApplicationFactory the silo's <c>Program</c> disposes the app as soon as stopping
    /// begins, while the factory's own stop may still be running hosted services; one of them can
    /// then meet a disposed service (seen once in a full run, in a class's fixture cleanup). The host
    /// is going away either way; every test has already passed or failed on its own.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // See the summary: a teardown race of the test host, not of the silo.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A factory finds its host by listening for the next host being built anywhere in the
    /// process, so two fixtures starting at once can each get the other's host (and later use it
    /// after its owner disposed it: "Cannot access a disposed object … IServiceProvider"). Hosts of
    /// this assembly are therefore built one at a time.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (s_building)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Provider", Provider);
        if (ConnectionString is { } connection)
        {
            builder.UseSetting("ConnectionStrings:Postgres", connection);
        }

        builder.UseSetting("Auth:PasswordIterations", PasswordIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:AdminEmail", AdminEmail);
        builder.UseSetting("Auth:BootstrapAdminPassword", BootstrapPassword ?? "");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs)
            .AddFilter<LogCapture>(null, LogLevel.Information)
            .AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter<LogCapture>("PyAirtable", LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            var streams = services.Last(d => d.ServiceType == typeof(IStreamAdministration));
            services.AddSingleton<IStreamAdministration>(sp => new StreamAdministrationView((IStreamAdministration)streams.ImplementationFactory!(sp)));
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
