using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Options;
using PyAirtable.Api;
using PyAirtable.Grains;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.ConnectedBases;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Storage.Postgres;
using PyAirtable.Runtime.Storage.Sqlite;

namespace PyAirtable.Silo.Configuration;

/// <summary>Composes the silo: configuration sources, storage, runtime, grains and the HTTP API.</summary>
public static partial class SiloSetup
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string EnvironmentPrefix = "PYAIRTABLE__";

    public static WebApplicationBuilder AddPyAirtableSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddPrefixedEnvironmentVariables(builder.Configuration);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var settings = builder.Configuration.GetSection(StorageSettings.SectionName).Get<StorageSettings>() ?? new StorageSettings();
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        builder.Services.Configure<RuntimeOptions>(builder.Configuration.GetSection("Runtime"));
        builder.Services.AddPyAirtableRuntime(runtime => runtime
            .AddGrains(GrainsAssembly.Assembly)
            .UseStorage(_ => CreateStorage(settings, postgres)));
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.SectionName));
        if (settings.Provider.Trim().Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // Embedded mode: the keys it generates are stored in the database sealed with a file beside it.
            var keyFile = Path.Combine(Path.GetFullPath(settings.DataDirectory, Directory.GetCurrentDirectory()), "pyairtable.key");
            builder.Services.PostConfigure<SecurityOptions>(o => o.KeyFile ??= keyFile);
        }
        builder.Services.Configure<LocalBaseOptions>(builder.Configuration.GetSection(LocalBaseOptions.SectionName));
        builder.Services.AddSingleton<AuthKeys>();
        builder.Services.AddPyAirtableConnectedBases(builder.Configuration);
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddHostedService<AdminBootstrap>();
        builder.Services.AddPyAirtableApi();
        builder.Services.AddPyAirtableTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Opens and migrates storage before the host starts, so that a wrong setting or an
    /// unreachable database ends in one clear message instead of a failed host start.
    /// </summary>
    public static Task PrepareStorageAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IRuntimeStorage>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>Writes the one start-up line: mode, storage and URL.</summary>
    public static void LogStarted(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.Services.GetRequiredService<IRuntimeStorage>();
        var mode = storage.ProviderName == "postgres" ? "cluster" : "embedded";
        var silo = app.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.SiloName;
        var urls = string.Join(", ", app.Urls);
        Log.Started(app.Logger, mode, silo, storage.ProviderName, storage.Description, urls);
    }

    internal static IRuntimeStorage CreateStorage(StorageSettings settings, string? postgresConnectionString)
    {
        switch (settings.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                var directory = Path.GetFullPath(settings.DataDirectory, Directory.GetCurrentDirectory());
                return new SqliteRuntimeStorage(Path.Combine(directory, settings.SqliteFile));
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(postgresConnectionString))
                {
                    throw new InvalidSiloConfigurationException(
                        "Storage:Provider is postgres but no connection string is configured. Set ConnectionStrings__Postgres " +
                        "(for example Host=db;Port=5432;Database=pyairtable;Username=pyairtable;Password=...) or use the default sqlite provider.");
                }

                return new PostgresRuntimeStorage(postgresConnectionString);
            case "memory":
                return new MemoryRuntimeStorage();
            default:
                throw new InvalidSiloConfigurationException(
                    $"Storage:Provider '{settings.Provider}' is not known. Use sqlite (default), postgres or memory " +
                    $"(environment variable {EnvironmentPrefix}Storage__Provider).");
        }
    }

    /// <summary>Lets <c>PYAIRTABLE__Section__Key</c> variables set <c>Section:Key</c>, above appsettings and below the command line.</summary>
    private static void AddPrefixedEnvironmentVariables(ConfigurationManager configuration)
    {
        IConfigurationBuilder builder = configuration;
        var commandLine = builder.Sources.OfType<CommandLineConfigurationSource>().ToList();
        foreach (var source in commandLine)
        {
            builder.Sources.Remove(source);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        foreach (var source in commandLine)
        {
            builder.Add(source);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "PyAirtable silo {Silo} started in {Mode} mode: storage {Provider} ({Where}), listening on {Urls}")]
        public static partial void Started(ILogger logger, string mode, string silo, string provider, string where, string urls);
    }
}
