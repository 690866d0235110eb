using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>
/// A PostgreSQL server for one benchmark run: <c>initdb</c> into a temporary directory, started
/// on a free loopback port with the server's durability defaults (<c>fsync=on</c>,
/// <c>synchronous_commit=on</c>), stopped and deleted on dispose. The test suite's server turns
/// fsync off, which would make a durable-write benchmark meaningless, hence this one. As root
/// it runs the binaries as the <c>postgres</c> user, which PostgreSQL requires.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;
    private readonly int _port;

    private ThrowawayPostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        _port = port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest server binaries under /usr/lib/postgresql, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    public static async Task<ThrowawayPostgres> StartAsync(string bin)
    {
        var directory = Directory.CreateTempSubdirectory("pyairtable-bench-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", directory]).ConfigureAwait(false);
        }

        var port = FreePort();
        var server = new ThrowawayPostgres(bin, directory, port);
        try
        {
            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"]).ConfigureAwait(false);
            await server.RunToolAsync("pg_ctl", ["-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"]).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>
    /// Creates an empty database and returns its connection string. A checkpoint follows, so that
    /// flushing the copied template does not fall into the measurement that comes next.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return ConnectionString(name);
    }

    /// <summary>A server setting as the server reports it (to show the durability settings in the results).</summary>
    public async Task<string> ShowAsync(string setting)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Deleting the directory below still removes everything but a running server, which the error names.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], _directory)
        : RunAsync(Path.Combine(_bin, tool), arguments, _directory);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
