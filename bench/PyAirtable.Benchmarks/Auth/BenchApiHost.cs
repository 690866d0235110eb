using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PyAirtable.Api;
using PyAirtable.Silo.Configuration;

namespace PyAirtable.Benchmarks.Auth;

/// <summary>
/// The real silo as <c>silo/Program.cs</c> composes it (runtime, grains, API, authentication) on
/// Kestrel on a free loopback port, with memory storage and the default password cost, plus the
/// benchmark's own two endpoints. Logs go to standard error at Warning, so standard output stays the table.
/// Other benchmarks override settings (storage provider, files) and map endpoints of their own.
/// </summary>
internal sealed class BenchApiHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@bench.test";

    private readonly WebApplication _app;

    private BenchApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The host's base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Configuration that replaces the defaults above (for example <c>Storage:Provider</c>).</param>
    /// <param name="mapEndpoints">Maps more benchmark endpoints before the host starts.</param>
    public static async Task<BenchApiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplication>? mapEndpoints = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Provider"] = "memory",
            ["Auth:AdminEmail"] = AdminEmail,
            // A known bootstrap password keeps the first-start banner off standard output.
            ["Auth:BootstrapAdminPassword"] = "bench-Bootstrap-" + Guid.NewGuid().ToString("N"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddPyAirtableSilo();
        var app = builder.Build();
        app.MapPyAirtableApi();
        app.MapBenchEndpoints();
        mapEndpoints?.Invoke(app);
        await app.PrepareStorageAsync().ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.FirstOrDefault(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel did not report a loopback address ({string.Join(", ", app.Urls)}).");
        return new BenchApiHost(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
