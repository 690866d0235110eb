using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace PyAirtable.Api.Mcp;

/// <summary>The live Streamable HTTP sessions of this silo; idle ones are closed when a new one opens, all of them at shutdown.</summary>
public sealed class McpSessions(IOptions<McpOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpHttpSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    public McpHttpSession? Find(string id) => _sessions.GetValueOrDefault(id);

    public async Task AddAsync(McpHttpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var idle in _sessions.Values.Where(s => s.IsIdle(options.Value.SessionIdleTimeout)).ToList())
        {
            await RemoveAsync(idle.Id);
        }

        if (!_sessions.TryAdd(session.Id, session))
        {
            throw new InvalidOperationException("A session id was drawn twice.");
        }
    }

    /// <summary>Closes and forgets a session; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        if (!_sessions.TryRemove(id, out var session))
        {
            return false;
        }

        await session.DisposeAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            await RemoveAsync(id);
        }
    }
}
