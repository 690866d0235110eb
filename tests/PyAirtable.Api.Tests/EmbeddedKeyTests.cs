using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Grains.Security;

namespace PyAirtable.Api.Tests;

/// <summary>Embedded mode: the keys it generates at first start are stored sealed with a key file beside the database.</summary>
public sealed class EmbeddedKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pyairtable-keys-").FullName;

    private string KeyFilePath => Path.Combine(_directory, "pyairtable.key");

    [Fact]
    public async Task TheGeneratedKeysAreStoredSealedWithAKeyFileOnlyItsOwnerCanRead()
    {
        using var host = new SqliteApiHost(_directory);
        var api = new Api(host.CreateClient());
        await api.NewUserAsync();
        var signing = Convert.ToBase64String(await host.Services.GetRequiredService<AuthKeys>().GetSigningKeyAsync());
        var encryption = Convert.ToBase64String(await host.Services.GetRequiredService<AuthKeys>().GetEncryptionKeyAsync());

        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM grain_state WHERE state_name = 'keys'";
        var stored = (string)(await command.ExecuteScalarAsync())!;

        Assert.Contains("sealed:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(signing, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(encryption, stored, StringComparison.Ordinal);
        Assert.Equal(KeyFile.Length, new FileInfo(KeyFilePath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFilePath));
        }
    }

    [Fact]
    public async Task TokensSurviveARestartWithTheKeyFileAndAnotherKeyFileIsRefusedAtStart()
    {
        string token;
        using (var first = new SqliteApiHost(_directory))
        {
            (_, token) = await new Api(first.CreateClient()).NewUserAsync();
        }

        using (var second = new SqliteApiHost(_directory))
        {
            await new Api(second.CreateClient()).JsonAsync(HttpMethod.Get, "/api/v1/me", token: token);
        }

        await File.WriteAllBytesAsync(KeyFilePath, System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyFile.Length));
        using var third = new SqliteApiHost(_directory);
        var refused = Assert.ThrowsAny<Exception>(() => third.CreateClient());
        Assert.Contains("does not open the stored keys", refused.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
