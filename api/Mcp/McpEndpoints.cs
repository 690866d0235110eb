using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PyAirtable.Api.Auth;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// <c>/mcp</c>: MCP's Streamable HTTP transport with sessions. POST carries JSON-RPC messages
/// (answered as an SSE stream, or 202 when there is nothing to answer), GET opens the session's
/// stream of server-initiated messages, DELETE ends the session; other methods get 405.
/// </summary>
public static class McpEndpoints
{
    public const string Path = "/mcp";

    public static IEndpointRouteBuilder MapMcpEndpoints(this IEndpointRouteBuilder app)
    {
        var mcp = app.MapGroup(Path)
            .RequireAuthorization()
            .WithMetadata(new AllowApiKeysAttribute())
            .ExcludeFromDescription();
        mcp.MapPost("/", PostAsync);
        mcp.MapGet("/", GetAsync);
        mcp.MapDelete("/", DeleteAsync);
        return app;
    }

    public static async Task PostAsync(HttpContext context, McpSessions sessions, McpServerFactory factory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(factory);
        if (!Accepts(context.Request, "application/json") || !Accepts(context.Request, "text/event-stream"))
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.");
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync<JsonRpcMessage>(context.Request.Body, McpJsonUtilities.DefaultOptions, context.RequestAborted);
        }
        catch (JsonException invalid)
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"Parse error: the body is not a JSON-RPC message ({invalid.Message}).", (int)McpErrorCode.ParseError);
            return;
        }

        if (message is null)
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid request: the body is empty.", (int)McpErrorCode.InvalidRequest);
            return;
        }

        var requestId = message is JsonRpcRequest request ? request.Id : default;
        if (await RefuseProtocolVersionAsync(context, requestId))
        {
            return;
        }

        if (McpHttp.IsStateless(context.Request))
        {
            await PostStatelessAsync(context, message, factory);
            return;
        }

        McpHttpSession? session;
        var sessionId = context.Request.Headers[McpHttp.SessionIdHeader].ToString();
        if (sessionId.Length == 0)
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await McpHttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                    "Bad Request: a session starts with an initialize request; send its Mcp-Session-Id header with every later request.", id: requestId);
                return;
            }

            session = await StartAsync(context, sessions, factory, time);
        }
        else if ((session = await FindAsync(context, sessions, sessionId, requestId)) is null)
        {
            return;
        }

        using var use = session.Use();
        await HandleAsync(context, session.Transport, message);
    }

    /// <summary>
    /// The session-less revision: a server and transport for this one request, which carries the
    /// protocol version and client metadata itself; nothing outlives the response.
    /// </summary>
    private static async Task PostStatelessAsync(HttpContext context, JsonRpcMessage message, McpServerFactory factory)
    {
        var transport = new StreamableHttpServerTransport(context.RequestServices.GetRequiredService<ILoggerFactory>()) { Stateless = true };
        var options = factory.CreateOptions();
        options.ScopeRequests = false;
        var server = McpServer.Create(transport, options, context.RequestServices.GetRequiredService<ILoggerFactory>(), context.RequestServices);
        var running = server.RunAsync(context.RequestAborted);
        try
        {
            await HandleAsync(context, transport, message);
        }
        finally
        {
            await transport.DisposeAsync();
            await server.DisposeAsync();
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task HandleAsync(HttpContext context, StreamableHttpServerTransport transport, JsonRpcMessage message)
    {
        message.Context ??= new JsonRpcMessageContext();
        message.Context.User = context.User;
        if (McpHttp.Version(context.Request) is { Length: > 0 } version)
        {
            message.Context.ProtocolVersion = version;
        }

        if (context.ClientAddress() is { } address)
        {
            message.Context.Items ??= new Dictionary<string, object?>(StringComparer.Ordinal);
            message.Context.Items[McpCaller.ClientAddressItem] = address;
        }

        StartEventStream(context);
        if (!await transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted))
        {
            // Notifications and responses have no answer.
            context.Response.Headers.ContentType = default;
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    public static async Task GetAsync(HttpContext context, McpSessions sessions, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(lifetime);
        if (!Accepts(context.Request, "text/event-stream"))
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept text/event-stream.");
            return;
        }

        if (await RefuseProtocolVersionAsync(context, default) || await RefuseWithoutSessionsAsync(context) || await RequiredSessionAsync(context, sessions) is not { } session)
        {
            return;
        }

        if (!session.TryStartGetStream())
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status409Conflict, "Conflict: this session already has its GET stream open.");
            return;
        }

        using var use = session.Use();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        StartEventStream(context);
        await context.Response.Body.FlushAsync(ended.Token);
        try
        {
            await session.Transport.HandleGetRequestAsync(context.Response.Body, ended.Token);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away or the silo is stopping: that is how an event stream ends.
        }
        finally
        {
            session.EndGetStream();
        }
    }

    public static async Task DeleteAsync(HttpContext context, McpSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        if (await RefuseWithoutSessionsAsync(context) || await RequiredSessionAsync(context, sessions) is not { } session)
        {
            return;
        }

        await sessions.RemoveAsync(session.Id);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The principal a session belongs to: one API key, or one user signed in with tokens.</summary>
    public static string Owner(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BaseAccess.KeyId(context.User) is { } keyId ? "key/" + keyId : "user/" + context.UserId();
    }

    private static async Task<McpHttpSession> StartAsync(HttpContext context, McpSessions sessions, McpServerFactory factory, TimeProvider time)
    {
        var id = McpSessions.NewId();
        var transport = new StreamableHttpServerTransport(context.RequestServices.GetRequiredService<ILoggerFactory>()) { SessionId = id };
        var session = new McpHttpSession(id, Owner(context), transport, factory.Create(transport), time);
        session.Running = session.Server.RunAsync();
        await sessions.AddAsync(session);
        context.Response.Headers[McpHttp.SessionIdHeader] = id;
        return session;
    }

    private static async Task<McpHttpSession?> RequiredSessionAsync(HttpContext context, McpSessions sessions)
    {
        var sessionId = context.Request.Headers[McpHttp.SessionIdHeader].ToString();
        if (sessionId.Length == 0)
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: the Mcp-Session-Id header is required.");
            return null;
        }

        return await FindAsync(context, sessions, sessionId, default);
    }

    private static async Task<McpHttpSession?> FindAsync(HttpContext context, McpSessions sessions, string sessionId, RequestId requestId)
    {
        if (sessions.Find(sessionId) is not { } session)
        {
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status404NotFound, "Session not found: it ended or never existed; start a new one with initialize.", McpHttpErrors.SessionNotFound, requestId);
            return null;
        }

        if (session.Owner != Owner(context))
        {
            // Not 404: the id is right, but another principal opened it.
            await McpHttpErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden: this session was opened with other credentials.", id: requestId);
            return null;
        }

        context.Response.Headers[McpHttp.SessionIdHeader] = session.Id;
        return session;
    }

    /// <summary>Refuses protocol versions this server does not speak, listing those it does.</summary>
    private static async Task<bool> RefuseProtocolVersionAsync(HttpContext context, RequestId requestId)
    {
        var version = McpHttp.Version(context.Request);
        if (version.Length == 0 || McpHttp.SessionProtocolVersions.Contains(version) || McpHttp.StatelessProtocolVersions.Contains(version))
        {
            return false;
        }

        string[] supported = [.. McpHttp.SessionProtocolVersions, .. McpHttp.StatelessProtocolVersions];
        await McpHttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
            $"Unsupported protocol version '{version}': this server speaks {string.Join(", ", supported)}.",
            (int)McpErrorCode.UnsupportedProtocolVersion, requestId,
            new UnsupportedProtocolVersionErrorData { Requested = version, Supported = supported });
        return true;
    }

    /// <summary>GET streams and DELETE belong to sessions, which the session-less revision does not have.</summary>
    private static async Task<bool> RefuseWithoutSessionsAsync(HttpContext context)
    {
        if (!McpHttp.IsStateless(context.Request))
        {
            return false;
        }

        context.Response.Headers.Allow = HttpMethods.Post;
        await McpHttpErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed,
            $"Method Not Allowed: protocol version {McpHttp.Version(context.Request)} has no sessions, so only POST is offered.");
        return true;
    }

    private static bool Accepts(HttpRequest request, string mediaType) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.Ordinal));

    private static void StartEventStream(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }
}
