using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PyAirtable.Mcp.Tests;

/// <summary>
/// The real silo in process, served by Kestrel on a loopback port so MCP clients talk real HTTP
/// (streamed SSE responses included). Memory storage, cheap password hashing.
/// </summary>
public sealed class McpHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "root@example.test";
    public const string AdminPassword = "bootstrap-Secret-1";

    public McpHost()
    {
        Port = FreePort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("Auth:PasswordIterations", "1000");
        builder.UseSetting("Auth:AdminEmail", AdminEmail);
        builder.UseSetting("Auth:BootstrapAdminPassword", AdminPassword);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
