using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace PyAirtable.Mcp.Tests;

/// <summary><c>PyAirtable.Silo mcp</c> as a child process on stdio, driven by the SDK's client: relayed to a running silo, and embedded on a data folder.</summary>
[Collection(SharedSilo.Name)]
public sealed class StdioTests(McpHost host)
{
    private readonly Platform _platform = new(host);

    private static async Task<McpClient> StartAsync(Dictionary<string, string?> environment, string workingDirectory, ConcurrentQueue<string> stderr)
    {
        environment["DOTNET_ENVIRONMENT"] = "Production";
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "pyairtable",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "PyAirtable.Silo.dll"), "mcp"],
            WorkingDirectory = workingDirectory,
            EnvironmentVariables = environment!,
            StandardErrorLines = stderr.Enqueue,
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions { InitializationTimeout = TimeSpan.FromMinutes(2) });
    }

    [Fact]
    public async Task TheRelayServesARunningSilosToolsAsTheKey()
    {
        var test = await _platform.NewBaseAsync();
        var stderr = new ConcurrentQueue<string>();
        await using var client = await StartAsync(new() { ["PYAIRTABLE__Mcp__Url"] = host.BaseAddress.ToString(), ["PYAIRTABLE__Mcp__ApiKey"] = test.Key }, AppContext.BaseDirectory, stderr);

        var bases = await client.CallAsync("list_bases");
        await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "From stdio" } } } });
        var v0 = await _platform.JsonAsync(HttpMethod.Get, $"/v0/{test.BaseId}/Tasks", token: test.Key);

        Assert.Equal("pyairtable", client.ServerInfo?.Name);
        Assert.Equal(new[] { test.BaseId }, bases.GetProperty("bases").Strings("id"));
        Assert.Equal("From stdio", v0.GetProperty("records")[0].GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task TheRelayPassesTheRemoteRefusalOfABadKeyBackInsteadOfHanging()
    {
        var stderr = new ConcurrentQueue<string>();
        var environment = new Dictionary<string, string?> { ["PYAIRTABLE__Mcp__Url"] = host.BaseAddress.ToString(), ["PYAIRTABLE__Mcp__ApiKey"] = "pyat_" + new string('0', 32) + "wrong" };

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(environment, AppContext.BaseDirectory, stderr));

        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedItServesTheLocalDataFolderAndRefusesAnUnknownKey()
    {
        var folder = Directory.CreateTempSubdirectory("pyairtable-mcp-");
        try
        {
            TestBase test;
            await using (var seeded = new SqliteHost(folder.FullName))
            {
                var platform = new Platform(seeded.CreateClient(), new Uri("http://localhost/mcp"));
                test = await platform.NewBaseAsync();
                await platform.JsonAsync(HttpMethod.Post, $"/v0/{test.BaseId}/Tasks", new { fields = new { Name = "Stored" } }, test.Key);
            }

            var stderr = new ConcurrentQueue<string>();
            var environment = new Dictionary<string, string?> { ["PYAIRTABLE__Storage__DataDirectory"] = folder.FullName, ["PYAIRTABLE__Mcp__ApiKey"] = test.Key };
            await using (var client = await StartAsync(environment, folder.FullName, stderr))
            {
                var tools = await client.ListToolsAsync();
                var records = await client.CallAsync("list_records", new { baseId = test.BaseId, table = "Tasks" });
                await client.CallAsync("create_records", new { baseId = test.BaseId, table = "Tasks", records = new[] { new { fields = new { Name = "Embedded" } } } });
                var after = await client.CallAsync("search_records", new { baseId = test.BaseId, table = "Tasks", searchTerm = "embedded" });

                Assert.Equal(19, tools.Count);
                Assert.Equal("Stored", records.GetProperty("records")[0].GetProperty("fields").GetProperty("Name").GetString());
                Assert.Single(after.GetProperty("records").EnumerateArray());
            }

            environment["PYAIRTABLE__Mcp__ApiKey"] = "pyat_" + new string('0', 32) + "wrong";
            var refused = new ConcurrentQueue<string>();
            await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(environment, folder.FullName, refused));
            Assert.Contains(refused, line => line.Contains("API key is not valid", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A silo on a SQLite file in a folder, to seed the data an embedded stdio server then opens.</summary>
    private sealed class SqliteHost(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "sqlite");
            builder.UseSetting("Storage:DataDirectory", folder);
            builder.UseSetting("Auth:PasswordIterations", "1000");
            builder.UseSetting("Auth:BootstrapAdminPassword", McpHost.AdminPassword);
            builder.UseSetting("LocalBases:DemoBase", "false");
        }
    }
}
