using Microsoft.AspNetCore.Hosting;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>
/// A stand-in for api.airtable.com over real HTTP: another PyAirtable silo on a free loopback
/// port with local bases in Airtable parity mode (5 requests a second per base, 50 per key, 429
/// with Retry-After and a penalty shortened to <see cref="PenaltySeconds"/>). Its API keys stand in for PATs.
/// </summary>
public sealed class AirtableSimulator : ApiHost
{
    public const int PenaltySeconds = 2;

    public AirtableSimulator()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>The API root, as <c>Airtable:ApiBaseUrl</c> takes it.</summary>
    public Uri Address => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LocalBases:AirtableParity", "true");
        builder.UseSetting("LocalBases:PenaltySeconds", PenaltySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
