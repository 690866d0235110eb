using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PyAirtable.Silo.Configuration;

/// <summary>
/// Exports PyAirtable's traces and metrics (every ActivitySource and Meter named
/// <c>PyAirtable.*</c>, plus ASP.NET Core's) over OTLP when <c>Telemetry:OtlpEndpoint</c> is set.
/// Built with the SDK's own builders because the hosting integration package does not restore here.
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointKey = "Telemetry:OtlpEndpoint";

    public static IServiceCollection AddPyAirtableTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidSiloConfigurationException(
                $"{EndpointKey} '{endpoint}' is not an absolute URL. Set it to the OTLP collector, e.g. http://otel-collector:4317, or leave it empty to export nothing.");
        }

        var resource = ResourceBuilder.CreateDefault().AddService("pyairtable-silo");
        void Configure(OtlpExporterOptions options) => options.Endpoint = uri;
        services.AddHostedService(_ => new TelemetryExport(
            Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource("PyAirtable.*", "Microsoft.AspNetCore")
                .AddOtlpExporter(Configure)
                .Build(),
            Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter("PyAirtable.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddOtlpExporter(Configure)
                .Build()));
        return services;
    }

    /// <summary>Owns the exporters for the host's lifetime; disposing flushes what is buffered.</summary>
    private sealed class TelemetryExport(TracerProvider tracing, MeterProvider metrics) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(2000);
            metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            tracing.Dispose();
            metrics.Dispose();
        }
    }
}
