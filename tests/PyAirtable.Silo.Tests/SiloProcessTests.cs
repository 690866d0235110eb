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
