using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PyAirtable.Grains.Security;

namespace PyAirtable.Api.Tests;

/// <summary>Registration rules and the access-token checks not covered by <see cref="AccessTokenTests"/>.</summary>
public sealed class AccountRulesTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task PasswordsOf8To128CharactersAreAcceptedAndLongerOrShorterAreNot()
    {
        await _api.RegisterAsync(Api.NewEmail(), "kX9#qv2L");
        await _api.RegisterAsync(Api.NewEmail(), "kX9#" + new string('q', 124));

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email = Api.NewEmail(), password = "kX9#qv2" }, expected: HttpStatusCode.BadRequest);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email = Api.NewEmail(), password = "kX9#" + new string('q', 125) }, expected: HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("a@")]
    public async Task AnInvalidEmailIsAValidationProblem(string email)
    {
        var problem = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password = Api.Password }, expected: HttpStatusCode.BadRequest);

        Assert.StartsWith("https://pyairtable.dev/problems/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisteringAnswersTheContractShapeAndNothingSecret()
    {
        var email = Api.NewEmail();
        var created = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password = Api.Password, displayName = "Ada" }, expected: HttpStatusCode.Created);

        Assert.Equal(new[] { "displayName", "email", "id" }, created.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal("Ada", created.GetProperty("displayName").GetString());
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: (await _api.LoginAsync(email)).GetProperty("accessToken").GetString());
        foreach (var word in new[] { "hash", "salt", "pbkdf2", "secret", "recovery", Api.Password })
        {
            Assert.DoesNotContain(word, me.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ATokenWithoutExpiryWithAFutureStartWithAnOldStampOrForAnUnknownUserIsRefused()
    {
        var (id, _) = await _api.NewUserAsync();
        var key = await host.Services.GetRequiredService<AuthKeys>().GetSigningKeyAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key, SecurityAlgorithms.HmacSha256, now, now.AddMinutes(5)));
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key, SecurityAlgorithms.HmacSha256, now, expires: null), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key, SecurityAlgorithms.HmacSha256, now.AddMinutes(10), now.AddMinutes(20)), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(id, key, SecurityAlgorithms.HmacSha256, now, now.AddMinutes(5), stamp: 0), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: Sign(Secrets.NewId(), key, SecurityAlgorithms.HmacSha256, now, now.AddMinutes(5)), expected: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAlgNoneTokenWithAnEmptySignatureIsRefused()
    {
        var (id, _) = await _api.NewUserAsync();
        var now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var token = Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part($"{{\"sub\":\"{id}\",\"stamp\":1,\"iss\":\"pyairtable\",\"aud\":\"pyairtable-api\",\"iat\":{now},\"nbf\":{now},\"exp\":{now + 300}}}") + ".";

        var problem = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token, expected: HttpStatusCode.Unauthorized);
        Assert.Equal("https://pyairtable.dev/problems/unauthorized", problem.GetProperty("type").GetString());
    }

    private static string Sign(string userId, byte[] key, string algorithm, DateTime notBefore, DateTime? expires, int stamp = 1)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "pyairtable",
            Audience = "pyairtable-api",
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["stamp"] = stamp },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), algorithm),
        });
    }
}
