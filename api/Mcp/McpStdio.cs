using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PyAirtable.Api.Auth;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// MCP over stdin/stdout: embedded (this process's grains, acting as an API key) or relayed to a
/// running PyAirtable's <c>/mcp</c>. Nothing else may write to stdout while it runs.
/// </summary>
public static class McpStdio
{
    /// <summary>Serves the tools from this process's grains as the key's principal until stdin closes; false when the key is refused.</summary>
    public static async Task<bool> RunEmbeddedAsync(IServiceProvider services, string apiKey, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var (principal, failure) = await ApiKeyAuthentication.AuthenticateAsync(services.GetRequiredService<IGrainFactory>(), apiKey, AuthClaims.Scheme);
        if (principal is null)
        {
            await Console.Error.WriteLineAsync($"PyAirtable MCP: {failure} Set PYAIRTABLE__Mcp__ApiKey to a key of this data folder (pyat_…).");
            return false;
        }

        var factory = services.GetRequiredService<McpServerFactory>();
        var options = factory.CreateOptions();
        // Every message acts as the key, as every HTTP request carries its bearer.
        options.Filters.Message.IncomingFilters.Add(next => (context, token) =>
        {
            context.User = principal;
            return next(context, token);
        });
        await using var transport = new StdioServerTransport(options, loggers);
        await using var server = McpServer.Create(transport, options, loggers, services);
        await server.RunAsync(cancellation);
        return true;
    }

    /// <summary>
    /// Relays every message between stdin/stdout and <c>{url}/mcp</c> with the key as bearer,
    /// until either side closes; the remote server does all the work and all the checks.
    /// </summary>
    public static async Task RunRemoteAsync(Uri url, string apiKey, ILoggerFactory loggers, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(url);
        var endpoint = new Uri(url, McpEndpoints.Path);
        await using var local = new StdioServerTransport(McpServerFactory.ServerName, loggers);
        var client = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + apiKey },
        }, loggers);
        await using var remote = await client.ConnectAsync(cancellation);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var up = PumpAsync(local.MessageReader, remote, (message, error) =>
            // A request the remote side refused or never saw still gets its answer, so the client
            // neither waits forever nor loses the error (a refused protocol probe makes it fall back).
            message is JsonRpcRequest request
                ? local.SendMessageAsync(new JsonRpcError
                {
                    Id = request.Id,
                    Error = new JsonRpcErrorDetail
                    {
                        Code = (int)(error is McpProtocolException protocol ? protocol.ErrorCode : McpErrorCode.InternalError),
                        Message = error is McpProtocolException ? error.Message : $"PyAirtable at {endpoint} could not be reached: {error.Message}",
                    },
                }, stop.Token)
                : Task.CompletedTask, stop.Token);
        var down = PumpAsync(remote.MessageReader, local, (_, _) => Task.CompletedTask, stop.Token);
        await Task.WhenAny(up, down);
        await stop.CancelAsync();
        await Task.WhenAll(up, down).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static async Task PumpAsync(ChannelReader<JsonRpcMessage> from, ITransport to, Func<JsonRpcMessage, Exception, Task> undelivered, CancellationToken cancellation)
    {
        try
        {
            await foreach (var message in from.ReadAllAsync(cancellation))
            {
                try
                {
                    await to.SendMessageAsync(message, cancellation);
                }
                catch (Exception failed) when (failed is HttpRequestException or McpException)
                {
                    await undelivered(message, failed);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The other direction ended first.
        }
    }
}
