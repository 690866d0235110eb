using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.Grains.Audit;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// What holds for every tool, whatever the transport: a key lists and calls only the tools its
/// scopes allow; refusals and bad arguments come back as tool results with <c>isError</c> and a
/// deliberate message (never a stack trace); every call is audited with key, user, tool, a digest
/// of the arguments, outcome and duration.
/// </summary>
public static class McpCallPolicy
{
    public const string AuditAction = "mcp.tool_call";

    public static void Apply(McpServerOptions options, AuditTrail audit)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Filters.Request.ListToolsFilters.Add(next => async (request, cancellation) =>
        {
            var result = await next(request, cancellation);
            result.Tools = result.Tools.Where(t => Permits(request.User, t.Name)).ToList();
            return result;
        });
        options.Filters.Request.CallToolFilters.Add(next => (request, cancellation) => CallAsync(next, request, audit, cancellation));
    }

    /// <summary>Whether a principal may see and call a tool: users always (each base checks their role), keys by scope.</summary>
    public static bool Permits(ClaimsPrincipal? user, string tool)
    {
        if (user is null || !BaseAccess.IsApiKey(user) || !McpToolCatalog.Scopes.TryGetValue(tool, out var needed))
        {
            return true;
        }

        return BaseAccess.Scopes(user).DefaultIfEmpty(ApiKeyScope.Read).Max() >= needed;
    }

    private static async ValueTask<CallToolResult> CallAsync(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next, RequestContext<CallToolRequestParams> request, AuditTrail audit, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var tool = request.Params?.Name ?? "";
        CallToolResult result;
        string outcome;
        string? error = null;
        string? changeId = null;
        if (!Permits(request.User, tool))
        {
            error = $"This API key may not call {tool}: it needs the {McpToolCatalog.Scopes[tool].ToString().ToLowerInvariant()} scope. Use a key with that scope.";
            result = Error(error);
            outcome = AuditOutcomes.Denied;
        }
        else
        {
            try
            {
                result = await next(request, cancellation);
                outcome = result.IsError == true ? AuditOutcomes.Failure : AuditOutcomes.Success;
                error = result.IsError == true ? string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)) : null;
                changeId = ChangeIdOf(result);
            }
            catch (McpProtocolException protocol)
            {
                // An unknown tool or malformed request stays a JSON-RPC error, as the protocol says.
                await RecordAsync(audit, request, tool, AuditOutcomes.Failure, started, protocol.Message);
                throw;
            }
            catch (JsonException invalid)
            {
                // The SDK's binding names no argument; find the one whose kind does not fit.
                var matched = McpToolCatalog.Tools.FirstOrDefault(t => t.ProtocolTool.Name == tool);
                var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given, StringComparer.Ordinal) : null;
                error = (matched is null ? null : McpArguments.Mismatch(matched.ProtocolTool, arguments)) is { } mismatch
                    ? "Invalid arguments: " + mismatch
                    : Deliberate(invalid)!;
                result = Error(error);
                outcome = AuditOutcomes.Failure;
            }
            catch (Exception thrown) when (Deliberate(thrown) is { } message)
            {
                error = message;
                result = Error(message);
                outcome = AuditOutcomes.Failure;
            }
            catch (Exception unexpected)
            {
                await RecordAsync(audit, request, tool, AuditOutcomes.Failure, started, unexpected.GetType().Name);
                throw;
            }
        }

        await RecordAsync(audit, request, tool, outcome, started, error, changeId);
        return result;
    }

    /// <summary>The journal id of the change a writing tool applied, from its structured result.</summary>
    public static string? ChangeIdOf(CallToolResult result) =>
        result?.StructuredContent is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty("changeId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>The message of an exception written for the caller, or null for anything else (which the SDK answers with a generic message).</summary>
    public static string? Deliberate(Exception error) => error switch
    {
        McpException or BaseRequestException or ForbiddenException or ConflictException or KeyNotFoundException => error.Message,
        JsonException json => $"Invalid arguments: {json.Message}",
        ArgumentException argument => argument.Message,
        _ => null,
    };

    public static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    private static Task RecordAsync(AuditTrail audit, RequestContext<CallToolRequestParams> request, string tool, string outcome, long started, string? error, string? changeId = null)
    {
        var user = request.User;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        var arguments = request.Params?.Arguments is { } args ? JsonSerializer.Serialize(args, McpJsonUtilities.DefaultOptions) : "{}";
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments)))[..16];
        var key = user is null ? null : BaseAccess.KeyId(user);
        var detail = $"tool={tool}; key={key ?? "none"}; args=sha256:{digest}; ms={elapsed}" + (changeId is null ? "" : "; change=" + changeId) + (error is null ? "" : "; error=" + Truncate(error));
        var baseId = request.Params?.Arguments is { } a && a.TryGetValue("baseId", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        return audit.RecordAsync(AuditAction, user is null ? null : TokenService.UserIdOf(user), baseId ?? tool,
            user is null ? null : BaseAccess.KeyWorkspace(user), McpCaller.ClientAddress(request.JsonRpcRequest.Context), outcome, detail);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
