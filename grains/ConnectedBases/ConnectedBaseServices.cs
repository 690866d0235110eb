using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PyAirtable.Grains.Security;
using PyAirtable.Grains.Security.DataProtection;
using PyAirtable.Runtime.Storage.Rows;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>Registers what connected Airtable bases need: options, the HTTP client, and Data Protection with its key ring in the database.</summary>
public static class ConnectedBaseServices
{
    public const string ApplicationName = "PyAirtable";

    public static IServiceCollection AddPyAirtableConnectedBases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AirtableOptions>(configuration.GetSection(AirtableOptions.SectionName));
        services.AddHttpClient(AirtableClient.HttpClientName);
        services.AddSingleton<AirtableClient>();
        services.AddSingleton<TokenProtector>();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new StoredXmlRepository(provider.GetRequiredService<IGrainRowStorage>());
            options.XmlEncryptor = new KeyRingEncryptor(provider.GetRequiredService<AuthKeys>());
        }));
        services.AddHostedService<KeyRingWarmUp>();
        return services;
    }

    /// <summary>
    /// Loads (or creates, at first start) the key ring before the first request, so that neither a
    /// grain turn nor a request pays for it and a broken key ring stops the start with its error.
    /// </summary>
    private sealed class KeyRingWarmUp(TokenProtector protector) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => protector.CheckRoundTrip(), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
