using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PyAirtable.Grains.Security;

namespace PyAirtable.Api.Tests;

/// <summary>
/// Every request checks its access token's signature, algorithm, issuer, audience and lifetime,
/// with validation settings built once per signing key and shared by all requests.
/// </summary>
public sealed class AccessTokenTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task ATokenIsRefusedOnceItHasExpired()
    {
        var (_, token) = await _api.NewUserAsync();
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token);

        host.Clock.Advance(TimeSpan.FromMinutes(16));

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token, expected: HttpStatusCode.Unauthorized);
        var (_, fresh) = await _api.NewUserAsync();
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: fresh);
    }

    [Fact]
    public async Task ATokenMadeWithTheSigningKeyWorksButNotForAnotherIssuerOrAudience()
    {
        var (id, _) = await _api.NewUserAsync();
        var key = await host.Services.GetRequiredService<AuthKeys>().GetSigningKeyAsync();

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key));
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key, issuer: "someone-else"), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key, audience: "another-api"), expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyOrNotSignedIsRefused()
    {
        var (id, _) = await _api.NewUserAsync();

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key: null), expected: HttpStatusCode.Unauthorized);
    }

    /// <summary>A token like the API's own (stamp 1 is a new user's), signed with <paramref name="key"/>, or unsigned when it is null.</summary>
    private string Sign(string userId, byte[]? key, string issuer = "pyairtable", string audience = "pyairtable-api")
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["stamp"] = 1 },
            SigningCredentials = key is null ? null : new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
