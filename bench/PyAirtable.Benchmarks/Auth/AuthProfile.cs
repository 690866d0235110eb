using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Api.Auth;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.GrainInterfaces.ApiKeys;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Grains.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Auth;

/// <summary>
/// Where an authenticated request's extra time goes: the bearer scheme's handler run as the
/// authentication middleware runs it (a request scope, a bare <see cref="HttpContext"/>), and its
/// pieces called directly in the same host, one caller, no HTTP.
/// </summary>
internal static class AuthProfile
{
    private const int KeyIdLength = 32;

    public static async Task AddRowsAsync(BenchApiHost host, BenchAccount account, string accessToken, BenchSettings settings, Report report)
    {
        var services = host.Services;
        var tokens = services.GetRequiredService<TokenService>();
        var grains = services.GetRequiredService<IGrainFactory>();
        var keyBody = account.ApiKey[WorkspaceGrain.ApiKeyPrefix.Length..];
        var keyId = keyBody[..KeyIdLength];
        var secret = keyBody[KeyIdLength..];
        var warmup = TimeSpan.FromMilliseconds(settings.Quick ? 30 : 300);
        var duration = TimeSpan.FromMilliseconds(settings.Quick ? 100 : 1000);

        var none = await OperationTimer.MeasureAsync(() => AuthenticateAsync(services, null), warmup, duration).ConfigureAwait(false);
        (string Name, Func<Task> Operation)[] pieces =
        [
            ("bearer scheme handler, access token (whole authentication of one request)", () => AuthenticateAsync(services, "Bearer " + accessToken)),
            ("bearer scheme handler, API key (whole authentication of one request)", () => AuthenticateAsync(services, "Bearer " + account.ApiKey)),
            ("piece: TokenService.ValidateAsync of the token every request sends (remembered after its first validation)", () => tokens.ValidateAsync(accessToken)),
            ("piece: TokenService.IssueAsync (sign a new token), for the row below", () => tokens.IssueAsync(account.UserId, 1, "refresh")),
            ("piece: IssueAsync, then ValidateAsync of that new token (first sight: parse, HMAC, issuer, audience, lifetime)", async () =>
                _ = await tokens.ValidateAsync((await tokens.IssueAsync(account.UserId, 1, "refresh").ConfigureAwait(false)).AccessToken).ConfigureAwait(false)),
            ("piece: IGrainFactory.GetGrain (a grain reference)", () => Task.FromResult(grains.GetGrain<IUserGrain>(account.UserId))),
            ("piece: IUserGrain.CheckSessionAsync (grain call for the security stamp)", () => grains.GetGrain<IUserGrain>(account.UserId).CheckSessionAsync()),
            ("piece: IApiKeyGrain.AuthenticateAsync (grain call, SHA-256 of the secret)", () => grains.GetGrain<IApiKeyGrain>(keyId).AuthenticateAsync(secret)),
        ];
        foreach (var (name, operation) in pieces)
        {
            var cost = await OperationTimer.MeasureAsync(operation, warmup, duration).ConfigureAwait(false);
            report.Add(new ResultRow("auth (profile)", name, cost.Describe(), $"no Authorization header: {none.Describe()}", "—", "—"));
        }
    }

    private static async Task AuthenticateAsync(IServiceProvider services, string? header)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            if (header is not null)
            {
                context.Request.Headers.Authorization = header;
            }

            var result = await context.AuthenticateAsync(AuthClaims.Scheme).ConfigureAwait(false);
            if (header is not null && !result.Succeeded)
            {
                throw new InvalidOperationException($"The bearer scheme refused a valid credential: {result.Failure?.Message}");
            }
        }
    }
}
