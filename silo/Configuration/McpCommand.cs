using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Console;
using PyAirtable.Api.Mcp;
using PyAirtable.Runtime.Storage;

namespace PyAirtable.Silo.Configuration;

/// <summary>
/// <c>pyairtable mcp</c>: MCP on stdin/stdout. With <c>Mcp:Url</c> it relays to that running
/// PyAirtable; without, it runs the silo embedded on the local data folder (no HTTP listener). Either
/// way it acts as the API key in <c>Mcp:ApiKey</c>, and logs only to stderr.
/// </summary>
public static class McpCommand
{
    public const string Name = "mcp";

    public static async Task<int> RunAsync(string[] args)
    {
        // Only MCP may reach stdout; anything else printed (the one-time admin password too) goes to stderr.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.AddPyAirtableSilo();
            var url = builder.Configuration["Mcp:Url"];
            var key = builder.Configuration["Mcp:ApiKey"];
            if (string.IsNullOrWhiteSpace(key))
            {
                await Console.Error.WriteLineAsync("PyAirtable MCP needs an API key: set PYAIRTABLE__Mcp__ApiKey=pyat_… (and PYAIRTABLE__Mcp__Url=http://host:5080 to use a running PyAirtable).");
                return 2;
            }

            if (!string.IsNullOrWhiteSpace(url))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var remote) || remote.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync($"Mcp:Url '{url}' is not an http(s) URL, e.g. http://localhost:5080.");
                    return 2;
                }

                using var loggers = LoggerFactory.Create(logging => logging
                    .AddConfiguration(builder.Configuration.GetSection("Logging"))
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
                using var interrupted = new CancellationTokenSource();
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    interrupted.Cancel();
                };
                await McpStdio.RunRemoteAsync(remote, key, loggers, interrupted.Token);
                return 0;
            }

            builder.Services.AddSingleton<IServer, NoListener>();
            await using var app = builder.Build();
            await app.PrepareStorageAsync();
            await app.StartAsync();
            var served = await McpStdio.RunEmbeddedAsync(app.Services, key, app.Lifetime.ApplicationStopping);
            await app.StopAsync();
            return served ? 0 : 2;
        }
        catch (Exception error) when (error is StorageUnavailableException or InvalidSiloConfigurationException)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 2;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>The embedded stdio server is the only front end: the host runs grains and storage, and listens on no port.</summary>
    private sealed class NoListener : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
