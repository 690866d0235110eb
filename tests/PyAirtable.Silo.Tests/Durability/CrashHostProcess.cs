using System.Diagnostics;
using System.Net.Http.Json;

namespace PyAirtable.Silo.Tests.Durability;

/// <summary>The crash host (runtime + real storage + ledger grains) as a child process that can be killed with SIGKILL.</summary>
public sealed class CrashHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CrashHostProcess(Process process, string url)
    {
        _process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Url { get; }

    /// <summary>The crash host's build output beside this test project's (same configuration and framework).</summary>
    private static string CrashHostDll => Path.Combine(
        AppContext.BaseDirectory.Replace("PyAirtable.Silo.Tests", "PyAirtable.CrashHost", StringComparison.Ordinal),
        "PyAirtable.CrashHost.dll");

    public HttpClient Client { get; }

    public static async Task<CrashHostProcess> StartAsync(string storage, string location)
    {
        var url = $"http://127.0.0.1:{SiloProcess.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CrashHostDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        info.ArgumentList.Add("--storage");
        info.ArgumentList.Add(storage);
        info.ArgumentList.Add(storage == "postgres" ? "--postgres" : "--sqlite");
        info.ArgumentList.Add(location);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new CrashHostProcess(process, url);
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>Kills the process the hard way: no shutdown, no flush, like a power cut of the process.</summary>
    public async Task KillAsync()
    {
        using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
    }

    public Task<List<long>?> GetAsync(string path) => Client.GetFromJsonAsync<List<long>>(new Uri(path, UriKind.Relative));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The crash host exited with {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The crash host did not become ready in 30 s.");
    }
}
