using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PyAirtable.Silo.Tests;

/// <summary>
/// Runs <c>tests/airtable-js</c>, the official Airtable.js client driving <c>/v0</c>, against the
/// real silo executable, so what Airtable.js users write for api.airtable.com is proven to work.
/// </summary>
public sealed class AirtableJsCompatibilityTests : IDisposable
{
    private const string Password = "correct-Horse-battery-9";

    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("pyairtable-airtablejs-").FullName;

    private static readonly object[] _fields =
    [
        new { name = "Name", type = "singleLineText" },
        new { name = "Notes", type = "multilineText" },
        new { name = "Points", type = "number", options = new { precision = 0 } },
        new { name = "Status", type = "singleSelect", options = new { choices = new[] { new { name = "Todo" }, new { name = "Doing" }, new { name = "Done" } } } },
        new { name = "Done", type = "checkbox", options = new { icon = "check", color = "greenBright" } },
        new { name = "Due", type = "date", options = new { dateFormat = new { name = "iso" } } },
        new { name = "When", type = "dateTime", options = new { dateFormat = new { name = "iso" }, timeFormat = new { name = "24hour" }, timeZone = "client" } },
        new { name = "Tags", type = "multipleSelects", options = new { choices = new[] { new { name = "api" }, new { name = "docs" } } } },
        new { name = "Double", type = "formula", options = new { formula = "{Points} * 2" } },
    ];

    [Fact]
    public async Task TheOfficialAirtableJsClientWorksUnchangedAgainstV0()
    {
        var suite = SuiteDirectory();
        Assert.True(
            File.Exists(Path.Combine(suite, "node_modules", "airtable", "package.json")),
            $"Airtable.js is not installed in {suite}: run ./test.sh, which installs it, or 'cd tests/airtable-js && npm ci'.");
        await using var silo = SiloProcess.Start(_workingDirectory, new Dictionary<string, string> { ["PYAIRTABLE__Auth__PasswordIterations"] = "1000" });
        Assert.True(await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60)), silo.Output);
        var environment = await CreateBaseAsync(silo.Url);

        var (exitCode, output) = await RunNodeAsync(suite, environment, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, $"The Airtable.js suite exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Output}");
    }

    /// <summary>A user, workspace, read/write/admin and read-only keys, and a base with the suite's two tables.</summary>
    private static async Task<Dictionary<string, string>> CreateBaseAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var email = $"airtablejs-{Guid.NewGuid():N}@example.com";
        await SendAsync(http, "/api/v1/auth/register", new { email, password = Password }, null, HttpStatusCode.Created);
        var token = (await SendAsync(http, "/api/v1/auth/login", new { email, password = Password }, null, HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;
        var workspaceId = (await SendAsync(http, "/api/v1/workspaces", new { name = "Airtable.js" }, token, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var key = (await SendAsync(http, $"/api/v1/workspaces/{workspaceId}/api-keys", new { name = "airtable.js", scopes = new[] { "read", "write", "admin" } }, token, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var readKey = (await SendAsync(http, $"/api/v1/workspaces/{workspaceId}/api-keys", new { name = "airtable.js read", scopes = new[] { "read" } }, token, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var tables = new[] { new { name = "Listing", fields = _fields }, new { name = "Writes", fields = _fields } };
        var baseId = (await SendAsync(http, "/v0/meta/bases", new { name = "Airtable.js compatibility", workspaceId, tables }, key, HttpStatusCode.OK)).GetProperty("id").GetString()!;
        return new Dictionary<string, string>
        {
            ["PYAIRTABLE_URL"] = url,
            ["PYAIRTABLE_KEY"] = key,
            ["PYAIRTABLE_READ_KEY"] = readKey,
            ["PYAIRTABLE_BASE"] = baseId,
            ["PYAIRTABLE_LIST_TABLE"] = "Listing",
            ["PYAIRTABLE_WRITE_TABLE"] = "Writes",
        };
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, string path, object body, string? token, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string suite, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = suite,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--test-reporter=tap");
        info.ArgumentList.Add("compat.test.mjs");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        Process node;
        try
        {
            node = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Could not start node: install Node.js 20 or later and make it available on PATH.", exception);
        }

        using (node)
        {
            node.OutputDataReceived += (_, e) => Append(e.Data);
            node.ErrorDataReceived += (_, e) => Append(e.Data);
            node.BeginOutputReadLine();
            node.BeginErrorReadLine();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await node.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                Append($"# killed after {timeout.TotalSeconds:0} s");
                return (-1, Snapshot(output));
            }

            // The parameterless wait also drains the redirected output.
            await node.WaitForExitAsync();
            return (node.ExitCode, Snapshot(output));
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>tests/airtable-js, found by walking up from the test binaries to the repository root.</summary>
    private static string SuiteDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var suite = Path.Combine(directory.FullName, "tests", "airtable-js");
            if (File.Exists(Path.Combine(suite, "package.json")))
            {
                return suite;
            }
        }

        throw new DirectoryNotFoundException($"tests/airtable-js was not found above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp folder is cleaned by the OS later.
        }
    }
}
