using System.Net.Http.Json;

namespace PyAirtable.Silo.Tests;

public sealed class SiloProcessTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("pyairtable-silo-").FullName;

    [Fact]
    public async Task TheSiloStartsWithNoConfigurationOnSqliteUnderDataAndStopsGracefully()
    {
        await using var silo = SiloProcess.Start(_workingDirectory);

        Assert.True(await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), silo.Output);
        Assert.Contains("started in embedded mode: storage sqlite", silo.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_workingDirectory, "data", "pyairtable.db")));

        silo.Terminate();
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WhatASiloStoredIsThereAfterARestartOnTheSameDataFolder()
    {
        var email = $"restart-{Guid.NewGuid():N}@example.com";
        var password = "Tr1cky-" + Guid.NewGuid().ToString("N");
        var passwordIterations = new Dictionary<string, string> { ["PYAIRTABLE__Auth__PasswordIterations"] = "1000" };
        await using (var first = SiloProcess.Start(_workingDirectory, passwordIterations))
        {
            Assert.True(await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), first.Output);
            using var http = new HttpClient { BaseAddress = new Uri(first.Url) };
            var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName = "Restarted" });
            Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        await using var second = SiloProcess.Start(_workingDirectory, passwordIterations);
        Assert.True(await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), second.Output);
        using var client = new HttpClient { BaseAddress = new Uri(second.Url) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        var tokens = await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringExitsWithAMessageSayingWhatToSet()
    {
        await using var silo = SiloProcess.Start(_workingDirectory, new Dictionary<string, string> { ["PYAIRTABLE__Storage__Provider"] = "postgres" });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings__Postgres", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseExitsWithAOneParagraphErrorInsteadOfAStackTrace()
    {
        var closedPort = SiloProcess.FreePort();
        await using var silo = SiloProcess.Start(_workingDirectory, new Dictionary<string, string>
        {
            ["PYAIRTABLE__Storage__Provider"] = "postgres",
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Password=hunter2;Timeout=3",
        });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains($"127.0.0.1:{closedPort}", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStorageProviderIsRejectedWithTheValidChoices()
    {
        await using var silo = SiloProcess.Start(_workingDirectory, new Dictionary<string, string> { ["PYAIRTABLE__Storage__Provider"] = "oracle" });

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("sqlite (default), postgres or memory", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedTelemetryEndpointIsRejectedWithWhatToSet()
    {
        await using var silo = SiloProcess.Start(_workingDirectory, new Dictionary<string, string> { ["PYAIRTABLE__Telemetry__OtlpEndpoint"] = "not a url" });

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Telemetry:OtlpEndpoint", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithATelemetryEndpointTheSiloStartsEvenWhenNoCollectorListens()
    {
        await using var silo = SiloProcess.Start(_workingDirectory, new Dictionary<string, string>
        {
            ["PYAIRTABLE__Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{SiloProcess.FreePort()}",
            ["PYAIRTABLE__Storage__Provider"] = "memory",
        });

        Assert.True(await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), silo.Output);
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
