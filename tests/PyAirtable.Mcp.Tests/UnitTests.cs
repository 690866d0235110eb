using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using PyAirtable.Api.Mcp;
using PyAirtable.Api.Mcp.Tools;

namespace PyAirtable.Mcp.Tests;

/// <summary>The pure parts of the MCP front end, without a silo.</summary>
public sealed class UnitTests
{
    [Fact]
    public void ASearchTermIsQuotedSoItCannotBreakOutOfTheFormula()
    {
        var formula = RecordTools.SearchFormula("Say \"hi\" \\ NOW", ["Name", "Notes"]);

        Assert.Equal("OR(FIND(\"say \\\"hi\\\" \\\\ now\", LOWER({Name} & \"\")) > 0, FIND(\"say \\\"hi\\\" \\\\ now\", LOWER({Notes} & \"\")) > 0)", formula);
    }

    [Theory]
    [InlineData("localhost:5080", null, true)]
    [InlineData("127.0.0.1:5080", "http://127.0.0.1:3000", true)]
    [InlineData("[::1]:5080", "https://localhost", true)]
    [InlineData("localhost:5080", "http://localhost.evil.example", false)]
    [InlineData("localhost:5080", "null", false)]
    [InlineData("evil.example", null, false)]
    [InlineData("mcp.example.com", "https://app.example.com", true)]
    public void HostsAndOriginsAreCheckedAgainstTheAllowList(string hostHeader, string? origin, bool allowed)
    {
        var options = hostHeader.StartsWith("mcp.", StringComparison.Ordinal)
            ? new McpOptions { AllowedHosts = ["mcp.example.com"], AllowedOrigins = ["https://app.example.com"] }
            : new McpOptions();
        var context = new DefaultHttpContext();
        context.Request.Host = HostString.FromUriComponent(hostHeader);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        Assert.Equal(allowed, McpOriginCheck.Refusal(context.Request, options) is null);
    }

    [Fact]
    public void AllowedHostsAndOriginsBindFromIndexedSettingsAndReplaceTheLocalDefault()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:AllowedHosts:0"] = "mcp.example.com",
            ["Mcp:AllowedOrigins:0"] = "https://app.example.com",
            ["Mcp:SessionIdleTimeout"] = "00:30:00",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPyAirtableMcp().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<McpOptions>>().Value;

        Assert.Equal(new[] { "mcp.example.com" }, options.EffectiveHosts);
        Assert.Equal(new[] { "https://app.example.com" }, options.AllowedOrigins);
        Assert.Equal(TimeSpan.FromMinutes(30), options.SessionIdleTimeout);
        Assert.Equal(McpOptions.LocalHosts, new McpOptions().EffectiveHosts);
    }

    [Fact]
    public async Task AnIdleSessionIsClosedWhenTheNextOneOpensButOneInUseIsKept()
    {
        var clock = new TestClock();
        await using var sessions = new McpSessions(Options.Create(new McpOptions { SessionIdleTimeout = TimeSpan.FromHours(1) }));
        var idle = Session("idle", clock);
        var busy = Session("busy", clock);
        await sessions.AddAsync(idle);
        await sessions.AddAsync(busy);
        using var inUse = busy.Use();

        clock.Advance(TimeSpan.FromHours(2));
        await sessions.AddAsync(Session("new", clock));

        Assert.Null(sessions.Find("idle"));
        Assert.Same(busy, sessions.Find("busy"));
        Assert.Equal(2, sessions.Count);
    }

    private static McpHttpSession Session(string id, TimeProvider clock)
    {
        var transport = new StreamableHttpServerTransport(NullLoggerFactory.Instance) { SessionId = id };
        return new McpHttpSession(id, "key/test", transport, McpServer.Create(transport, new McpServerOptions()), clock);
    }
}
