using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace PyAirtable.Testing;

/// <summary>
/// A throwaway PostgreSQL server: <c>initdb</c> into a temporary directory, started on a free
/// loopback port, stopped and deleted on dispose. Start one per test run (<see cref="Shared"/>)
/// and give each test class its own database (<see cref="CreateDatabaseAsync"/>). As root it
/// runs the server as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IDisposable, IAsyncDisposable
{
    private const string DirectoryPrefix = "pyairtable-pg-";
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<PostgresServer> s_shared = new(CreateShared);

    private readonly Lock _startLock = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task? _start;
    private string? _directory;
    private string? _binDirectory;
    private int _port;
    private bool _disposed;

    /// <summary>The server of this test run, started on first use and stopped when the process exits.</summary>
    public static PostgresServer Shared => s_shared.Value;

    public string Host { get; } = "127.0.0.1";

    /// <summary>The port, once started.</summary>
    public int Port => _port;

    private static bool IsRoot => Environment.UserName == "root";

    private string DataDirectory => Path.Combine(_directory!, "data");

    /// <summary>Starts the server if it is not running yet.</summary>
    public Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_startLock)
        {
            if (_start is null || _start.IsFaulted)
            {
                _start = StartCoreAsync();
            }

            return _start;
        }
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        await StartAsync().ConfigureAwait(false);
        var name = DatabaseName(prefix);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        return ConnectionString(name);
    }

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        $"Host={Host};Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    public void Dispose()
    {
        Stop(wait: true);
        _gate.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static PostgresServer CreateShared()
    {
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(wait: false);
        return server;
    }

    private void Stop(bool wait)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_directory is { } directory)
        {
            NpgsqlConnection.ClearAllPools();
            StopQuietly(_binDirectory!, directory, wait);
        }
    }

    private async Task StartCoreAsync()
    {
        _binDirectory = FindBinDirectory();
        RemoveAbandonedServers(_binDirectory);
        _directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(_directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres", _directory]).ConfigureAwait(false);
        }

        await RunToolAsync("initdb", ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]).ConfigureAwait(false);

        // A port found free can be taken before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            try
            {
                // fsync=off: this server is thrown away, and the tests kill silos, not PostgreSQL.
                var options = $"-p {_port} -k {_directory} -c listen_addresses={Host} -c fsync=off -c full_page_writes=off -c max_connections=300";
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "-o", options, "start"]).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port; try another.
            }
        }
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (Directory.Exists(Root))
        {
            var newest = Directory.GetDirectories(Root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: they were found neither under /usr/lib/postgresql/<version>/bin nor on PATH. " +
            "Run ./test.sh, which installs them (apt-get install postgresql), or install the postgresql package.");
    }

    /// <summary>Stops and deletes servers left by test runs that were killed before they could clean up.</summary>
    private static void RemoveAbandonedServers(string binDirectory)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            StopQuietly(binDirectory, directory, wait: true);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the server in <paramref name="directory"/> and deletes the directory, in a shell of
    /// its own: at process exit the test host may be killed before it finishes, and the shell
    /// carries on. Best effort; a leftover is removed by the next run.
    /// </summary>
    private static void StopQuietly(string binDirectory, string directory, bool wait)
    {
        var pgCtl = (IsRoot ? "runuser -u postgres -- " : "") + Quote(Path.Combine(binDirectory, "pg_ctl"));
        var data = Quote(Path.Combine(directory, "data"));
        var script = $"exec >/dev/null 2>&1; if [ -f {data}/postmaster.pid ]; then {pgCtl} -D {data} -m immediate -w -s stop; fi; rm -rf {Quote(directory)}";
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        try
        {
            using var process = Process.Start(start);
            if (wait)
            {
                process?.WaitForExit(30_000);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort: a leftover is removed by the next run.
        }
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(ToolStartInfo(_binDirectory!, _directory!, tool, arguments));

    private static Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return RunAsync(start);
    }

    private static async Task RunAsync(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var command = new StringBuilder(start.FileName);
            foreach (var argument in start.ArgumentList)
            {
                command.Append(' ').Append(argument);
            }

            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }

    private static ProcessStartInfo ToolStartInfo(string binDirectory, string workingDirectory, string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo { WorkingDirectory = workingDirectory, UseShellExecute = false };
        if (IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(Path.Combine(binDirectory, tool));
        }
        else
        {
            start.FileName = Path.Combine(binDirectory, tool);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DatabaseName(string prefix)
    {
        var clean = new string([.. prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')]);
        if (clean.Length > 30)
        {
            clean = clean[..30];
        }

        return $"{(clean.Length == 0 ? "test" : clean)}_{Guid.NewGuid():N}";
    }
}
