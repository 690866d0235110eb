using Microsoft.AspNetCore.Hosting;

namespace PyAirtable.Api.Tests;

/// <summary>The API on a SQLite file in <paramref name="directory"/>; a second host on the same folder is a restart.</summary>
public sealed class SqliteApiHost(string directory, int passwordIterations = 1000, bool generatedAdminPassword = false) : ApiHost
{
    public const string FileName = "pyairtable.db";

    public string DatabasePath => Path.Combine(directory, FileName);

    protected override string Provider => "sqlite";

    protected override int PasswordIterations => passwordIterations;

    protected override string? BootstrapPassword => generatedAdminPassword ? null : AdminPassword;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:DataDirectory", directory);
        builder.UseSetting("Storage:SqliteFile", FileName);
    }
}
