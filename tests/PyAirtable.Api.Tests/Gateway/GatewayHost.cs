using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PyAirtable.Grains.ConnectedBases;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>
/// The PyAirtable under test, with <c>Airtable:ApiBaseUrl</c> pointed at an <see cref="AirtableSimulator"/>,
/// a <see cref="FaultInjector"/> in its Airtable HTTP client, short retry delays and a small
/// circuit, SQLite storage in a temp folder (so tests can read what was stored), and every log line kept.
/// </summary>
public class GatewayHost : ApiHost
{
    private readonly string _folder;
    private readonly bool _ownsSimulatorAndFolder;

    public GatewayHost()
        : this(Directory.CreateTempSubdirectory("pyairtable-gateway-").FullName, new AirtableSimulator(), owns: true)
    {
    }

    /// <summary>A gateway on an existing data folder and simulator, to restart on the same database; the caller disposes both.</summary>
    internal GatewayHost(string folder, AirtableSimulator simulator)
        : this(folder, simulator, owns: false)
    {
    }

    private GatewayHost(string folder, AirtableSimulator simulator, bool owns)
    {
        _folder = folder;
        Simulator = simulator;
        _ownsSimulatorAndFolder = owns;
    }

    public AirtableSimulator Simulator { get; }

    public FaultInjector Faults { get; } = new();

    public ConcurrentQueue<string> EveryLogLine { get; } = new();

    /// <summary>Polling for changes is off unless a test's host turns it on: its requests would disturb counts of upstream calls.</summary>
    protected virtual int PollIntervalSeconds => 0;

    public string DatabaseFile => Path.Combine(_folder, "pyairtable.db");

    protected override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:DataDirectory", _folder);
        builder.UseSetting("Airtable:ApiBaseUrl", Simulator.Address.ToString());
        builder.UseSetting("Airtable:RetryBaseDelayMilliseconds", "20");
        builder.UseSetting("Airtable:RequestTimeoutSeconds", "2");
        builder.UseSetting("Airtable:QueueTimeoutSeconds", "15");
        builder.UseSetting("Airtable:CircuitMinimumThroughput", "4");
        builder.UseSetting("Airtable:CircuitBreakSeconds", "2");
        builder.UseSetting("Airtable:PollIntervalSeconds", PollIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Airtable:PollRequestsPerSecond", "2");
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(AirtableClient.HttpClientName).AddHttpMessageHandler(Faults.CreateHandler);
            services.AddSingleton<ILoggerProvider>(new KeepingLoggerProvider(EveryLogLine));
        });
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsSimulatorAndFolder)
        {
            Simulator.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new KeepingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class KeepingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
