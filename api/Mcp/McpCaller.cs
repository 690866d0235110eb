using System.Security.Claims;
using System.Security.Cryptography;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.Changes;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// The principal behind one tool call (API key or user, from HTTP or stdio) and the bases it may
/// open. Refusals are <see cref="McpException"/>s worded so a model knows what to do next.
/// </summary>
public sealed class McpCaller(ClaimsPrincipal user, IGrainFactory grains, LocalBaseOptions options, string? clientAddress, TimeProvider time)
{
    /// <summary>Where the HTTP front end puts the client's address for the call.</summary>
    public const string ClientAddressItem = "pyairtable.clientAddress";

    public ClaimsPrincipal User => user;

    public IGrainFactory Grains => grains;

    public string UserId => BaseAccess.UserId(user);

    public Caller Caller => new(UserId, clientAddress);

    public TimeProvider Time => time;

    /// <summary>Journals an applied change under a new change id and returns the id, once the entry is stored.</summary>
    public async Task<string> JournalAsync(BaseAccess.Opened opened, string tool, ChangeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(entry);
        var id = "chg" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        await grains.GetGrain<IChangeGrain>(id).RecordAsync(entry with
        {
            BaseId = opened.Info.Id,
            WorkspaceId = opened.Info.WorkspaceId,
            Tool = tool,
            UserId = UserId,
            At = time.GetUtcNow(),
        });
        return id;
    }

    public static McpCaller From(RequestContext<CallToolRequestParams> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var services = request.Services ?? request.Server.Services ?? throw new InvalidOperationException("The MCP server has no services.");
        var user = request.User is { Identity.IsAuthenticated: true } principal ? principal : throw new McpException("Not authenticated: send a PyAirtable API key or access token.");
        return new McpCaller(user, services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<IOptions<LocalBaseOptions>>().Value, ClientAddress(request.JsonRpcRequest.Context),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    public static string? ClientAddress(JsonRpcMessageContext? context) =>
        context?.Items is { } items && items.TryGetValue(ClientAddressItem, out var address) ? address as string : null;

    /// <summary>
    /// Opens a base the caller may use with at least <paramref name="needed"/>. Local bases only
    /// for now; connected Airtable bases (issue 5) will be told apart by their id here.
    /// </summary>
    public async Task<BaseAccess.Opened> OpenBaseAsync(string? baseId, WorkspaceRole needed)
    {
        var id = Required(baseId, "baseId");
        var opened = await BaseAccess.FindAsync(user, grains, id)
            ?? throw new McpException($"No base '{id}' is visible to you. Call list_bases for the ids (app…) of the bases you can use.");
        if (opened.Role < needed)
        {
            throw new McpException($"This needs {Access(needed)} on base {id}; you have {Access(opened.Role)}.");
        }

        if (await BaseAccess.AdmitAsync(user, grains, options, opened.Info) is { } seconds)
        {
            throw new McpException($"Rate limit reached for base {id} (Airtable parity is on): wait {seconds} seconds, then call again.");
        }

        return opened;
    }

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new McpException($"{name} is required.") : value.Trim();

    public static string Access(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Viewer => "read access (a read key, or the viewer role)",
        WorkspaceRole.Editor => "write access (a write key, or the editor role)",
        _ => "schema access (an admin key, or the admin role)",
    };
}
