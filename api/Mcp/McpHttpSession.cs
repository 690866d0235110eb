using ModelContextProtocol.Server;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// One Streamable HTTP session: its transport, the server running over it, and the principal
/// that opened it (only the same key or user may use the session afterwards).
/// </summary>
public sealed class McpHttpSession(string id, string owner, StreamableHttpServerTransport transport, McpServer server, TimeProvider time) : IAsyncDisposable
{
    private long _lastUsedTicks = time.GetUtcNow().UtcTicks;
    private int _active;
    private int _getStream;

    public string Id => id;

    public string Owner => owner;

    public StreamableHttpServerTransport Transport => transport;

    public McpServer Server => server;

    public Task? Running { get; set; }

    /// <summary>Idle: no request in flight and none for at least <paramref name="timeout"/>.</summary>
    public bool IsIdle(TimeSpan timeout) =>
        Volatile.Read(ref _active) == 0 && time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastUsedTicks) > timeout.Ticks;

    /// <summary>Claims the session's one GET stream; false when it is already open.</summary>
    public bool TryStartGetStream() => Interlocked.Exchange(ref _getStream, 1) == 0;

    /// <summary>Frees the GET stream so the client may open it again.</summary>
    public void EndGetStream() => Interlocked.Exchange(ref _getStream, 0);

    /// <summary>Marks a request in flight until the returned handle is disposed.</summary>
    public IDisposable Use()
    {
        Interlocked.Increment(ref _active);
        Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);
        return new Release(this);
    }

    public async ValueTask DisposeAsync()
    {
        // The transport first: that ends the server's message loop, which RunAsync then returns from.
        await transport.DisposeAsync();
        await server.DisposeAsync();
        if (Running is { } running)
        {
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private sealed class Release(McpHttpSession session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                session.Done();
            }
        }
    }

    private void Done()
    {
        Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);
        Interlocked.Decrement(ref _active);
    }
}
