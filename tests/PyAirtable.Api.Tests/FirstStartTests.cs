using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PyAirtable.Api.Tests;

/// <summary>
/// Embedded first start: the administrator's random one-time password is printed to the console
/// once, never logged, must be changed before anything else, and no default password works.
/// </summary>
public sealed partial class FirstStartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pyairtable-first-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task TheOneTimeAdministratorPasswordIsPrintedOnceNeverLoggedAndMustBeChanged()
    {
        string password;
        await using (var first = new SqliteApiHost(_directory, generatedAdminPassword: true))
        {
            var printed = await ConsoleOfAsync(() => first.CreateClient());
            password = OneTimePassword().Match(printed) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("No one-time password was printed:\n" + printed);
            Assert.True(password.Length >= 16);
            var api = new Api(first.CreateClient());
            foreach (var guess in new[] { "admin", "password", "Administrator1", ApiHost.AdminPassword })
            {
                await api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = ApiHost.AdminEmail, password = guess }, expected: HttpStatusCode.Unauthorized);
            }

            var token = (await api.LoginAsync(ApiHost.AdminEmail, password)).GetProperty("accessToken").GetString();
            var problem = await api.JsonAsync(HttpMethod.Get, "/api/v1/workspaces", token: token, expected: HttpStatusCode.Forbidden);
            Assert.Equal("https://pyairtable.dev/problems/password-change-required", problem.GetProperty("type").GetString());
            await api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = password, newPassword = AdminSession.ChangedPassword }, token, HttpStatusCode.NoContent);
            var admin = (await api.LoginAsync(ApiHost.AdminEmail, AdminSession.ChangedPassword)).GetProperty("accessToken").GetString();
            await api.JsonAsync(HttpMethod.Get, "/api/v1/admin/users", token: admin);
            Assert.DoesNotContain(first.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        }

        await using var second = new SqliteApiHost(_directory, generatedAdminPassword: true);
        var again = await ConsoleOfAsync(() => second.CreateClient());
        Assert.DoesNotMatch(OneTimePassword(), again);
        var restarted = new Api(second.CreateClient());
        await restarted.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = ApiHost.AdminEmail, password }, expected: HttpStatusCode.Unauthorized);
        await restarted.LoginAsync(ApiHost.AdminEmail, AdminSession.ChangedPassword);
    }

    /// <summary>What the console received while <paramref name="start"/> ran; still echoed to the real console.</summary>
    private static Task<string> ConsoleOfAsync(Action start)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(new Tee(original, captured));
        try
        {
            start();
        }
        finally
        {
            Console.SetOut(original);
        }

        return Task.FromResult(captured.ToString());
    }

    [GeneratedRegex("one-time password: (\\S+)")]
    private static partial Regex OneTimePassword();

    private sealed class Tee(TextWriter first, TextWriter second) : TextWriter
    {
        public override Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void WriteLine(string? value)
        {
            first.WriteLine(value);
            second.WriteLine(value);
        }
    }
}
