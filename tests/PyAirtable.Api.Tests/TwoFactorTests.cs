using System.Net;
using PyAirtable.Grains.Security;

namespace PyAirtable.Api.Tests;

/// <summary>
/// TOTP through the API (RFC 6238, ±1 step, each code once), recovery codes, disabling, and the
/// throttling of wrong codes. The host's clock is moved to the start of a step before codes are
/// computed, so a step boundary never falls between computing a code and the server checking it.
/// </summary>
public sealed class TwoFactorTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task ACodeOfThePreviousOrNextStepSignsInButOneTwoStepsAwayDoesNot()
    {
        var user = await EnabledUserAsync();

        AlignToStep(advanceSteps: 2);
        await _api.LoginAsync(user.Email, totpCode: user.Code(Step() - 1));
        AlignToStep(advanceSteps: 2);
        await _api.LoginAsync(user.Email, totpCode: user.Code(Step() + 1));
        AlignToStep(advanceSteps: 5);
        await ExpectLoginFailureAsync(user.Email, user.Code(Step() - 2));
        await ExpectLoginFailureAsync(user.Email, user.Code(Step() + 2));
        await _api.LoginAsync(user.Email, totpCode: user.Code(Step()));
    }

    [Fact]
    public async Task ACodeWorksOnceAndNoEarlierCodeWorksAfterIt()
    {
        var user = await EnabledUserAsync();
        AlignToStep(advanceSteps: 3);
        var code = user.Code(Step());

        await _api.LoginAsync(user.Email, totpCode: code);
        await ExpectLoginFailureAsync(user.Email, code);
        await ExpectLoginFailureAsync(user.Email, user.Code(Step() - 1));
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password, code }, user.Token, HttpStatusCode.Forbidden);
        await _api.LoginAsync(user.Email, totpCode: user.Code(Step() + 1));
    }

    [Fact]
    public async Task TheCodeThatEnabledTwoFactorCannotSignIn()
    {
        var user = await EnabledUserAsync();

        await ExpectLoginFailureAsync(user.Email, user.Code(user.EnabledAtStep));
    }

    [Fact]
    public async Task WithoutACodeSignInAsksForTheSecondFactorAndGivesNoTokens()
    {
        var user = await EnabledUserAsync();

        var problem = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = Api.Password }, expected: HttpStatusCode.Unauthorized);
        Assert.EndsWith("/two-factor-required", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("accessToken", out _));
        var wrongPassword = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = "wrong-Password-1" }, expected: HttpStatusCode.Unauthorized);
        Assert.EndsWith("/invalid-credentials", wrongPassword.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenRecoveryCodesEachSignInOnce()
    {
        var user = await EnabledUserAsync();

        Assert.Equal(10, user.RecoveryCodes.Distinct().Count());
        await _api.LoginAsync(user.Email, totpCode: user.RecoveryCodes[0]);
        await ExpectLoginFailureAsync(user.Email, user.RecoveryCodes[0]);
        await _api.LoginAsync(user.Email, totpCode: user.RecoveryCodes[1]);
        await ExpectLoginFailureAsync(user.Email, user.RecoveryCodes[1]);
        await _api.LoginAsync(user.Email, totpCode: user.RecoveryCodes[9]);
    }

    [Fact]
    public async Task DisablingNeedsBothThePasswordAndACode()
    {
        var user = await EnabledUserAsync();
        AlignToStep(advanceSteps: 2);
        var token = (await _api.LoginAsync(user.Email, totpCode: user.RecoveryCodes[0])).GetProperty("accessToken").GetString();

        var wrongPassword = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = "wrong-Password-1", code = user.Code(Step()) }, token, HttpStatusCode.Forbidden);
        Assert.EndsWith("/credentials-rejected", wrongPassword.GetProperty("type").GetString(), StringComparison.Ordinal);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password, code = "000000" == user.Code(Step()) ? "111111" : "000000" }, token, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password }, token, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = Api.Password }, expected: HttpStatusCode.Unauthorized);

        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password, code = user.Code(Step()) }, token, HttpStatusCode.NoContent);
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token);
        Assert.False(me.GetProperty("twoFactorEnabled").GetBoolean());
        await _api.LoginAsync(user.Email);
    }

    [Fact]
    public async Task EnablingTwoFactorEndsTheOtherSessions()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        var other = await _api.LoginAsync(email);
        var user = await EnableAsync(email, (await _api.LoginAsync(email)).GetProperty("accessToken").GetString()!);

        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: other.GetProperty("accessToken").GetString(), expected: HttpStatusCode.Unauthorized);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = other.GetProperty("refreshToken").GetString() }, expected: HttpStatusCode.Unauthorized);
        Assert.NotNull(user.Token);
    }

    [Fact]
    public async Task WrongCodesAtSignInAreThrottledLikeWrongPasswords()
    {
        var user = await EnabledUserAsync();
        AlignToStep(advanceSteps: 2);
        var wrong = Enumerable.Range(0, 1_000_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => c != user.Code(Step()) && c != user.Code(Step() - 1) && c != user.Code(Step() + 1));
        for (var i = 0; i < 5; i++)
        {
            await ExpectLoginFailureAsync(user.Email, wrong);
        }

        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = Api.Password, totpCode = user.Code(Step()) });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        AlignToStep(advanceSteps: 1);
        await _api.LoginAsync(user.Email, totpCode: user.Code(Step()));
    }

    [Fact]
    public async Task WrongCodesWhenDisablingAreThrottledSoASessionCannotGuessTheSecondFactor()
    {
        var user = await EnabledUserAsync();
        AlignToStep(advanceSteps: 2);
        var wrong = Enumerable.Range(0, 1_000_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => c != user.Code(Step()) && c != user.Code(Step() - 1) && c != user.Code(Step() + 1));
        for (var i = 0; i < 5; i++)
        {
            await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password, code = wrong }, user.Token, HttpStatusCode.Forbidden);
        }

        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password, code = user.Code(Step()) }, user.Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: user.Token);
        Assert.True(me.GetProperty("twoFactorEnabled").GetBoolean());
    }

    [Fact]
    public async Task WrongCurrentPasswordsAreThrottledSoASessionCannotGuessThePassword()
    {
        var (_, token) = await _api.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = $"wrong-Password-{i}", newPassword = "another-Secret-22" }, token, HttpStatusCode.Forbidden);
        }

        using var throttled = await _api.SendAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = Api.Password, newPassword = "another-Secret-22" }, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token);
    }

    [Fact]
    public async Task TurningTwoFactorOnNeedsTheCurrentPassword()
    {
        var (_, token) = await _api.NewUserAsync();

        var missing = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/setup", null, token, HttpStatusCode.Forbidden);
        host.Clock.Advance(TimeSpan.FromMinutes(2)); // past the re-entry throttle's delay after one failure
        var wrong = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/setup", new { password = "not-the-Password-1" }, token, HttpStatusCode.Forbidden);

        Assert.EndsWith("/credentials-rejected", missing.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/credentials-rejected", wrong.GetProperty("type").GetString(), StringComparison.Ordinal);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/enable", new { code = "000000" }, token, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheSetupSecretIsAnRfc6238OtpauthUriAndIsNeverShownAgain()
    {
        var (_, token) = await _api.NewUserAsync();
        var setup = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/setup", new { password = Api.Password }, token);
        var secret = setup.GetProperty("secret").GetString()!;
        var uri = new Uri(setup.GetProperty("otpauthUri").GetString()!);

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Contains("secret=" + secret, uri.Query, StringComparison.Ordinal);
        Assert.Contains("period=30", uri.Query, StringComparison.Ordinal);
        Assert.Equal(20, Base32.Decode(secret).Length);
        var me = await _api.JsonAsync(HttpMethod.Get, "/api/v1/me", token: token);
        Assert.DoesNotContain(secret, me.ToString(), StringComparison.Ordinal);
        Assert.False(me.GetProperty("twoFactorEnabled").GetBoolean());
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/enable", new { code = "12345" }, token, HttpStatusCode.Forbidden);
    }

    private long Step() => Totp.StepAt(host.Clock.GetUtcNow());

    /// <summary>Moves the clock forward to one second into a step, <paramref name="advanceSteps"/> steps on.</summary>
    private void AlignToStep(int advanceSteps)
    {
        var now = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var target = ((now / 30_000) + advanceSteps) * 30_000 + 1_000;
        host.Clock.Advance(TimeSpan.FromMilliseconds(target - now));
    }

    private async Task ExpectLoginFailureAsync(string email, string code)
    {
        var problem = await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Api.Password, totpCode = code }, expected: HttpStatusCode.Unauthorized);
        Assert.EndsWith("/invalid-credentials", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private async Task<TwoFactorUser> EnabledUserAsync()
    {
        var email = Api.NewEmail();
        await _api.RegisterAsync(email);
        return await EnableAsync(email, (await _api.LoginAsync(email)).GetProperty("accessToken").GetString()!);
    }

    /// <summary>Enables 2FA with the current step's code and signs in again (enabling ends the sessions).</summary>
    private async Task<TwoFactorUser> EnableAsync(string email, string token)
    {
        var setup = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/setup", new { password = Api.Password }, token);
        var secret = Base32.Decode(setup.GetProperty("secret").GetString()!);
        AlignToStep(advanceSteps: 1);
        var step = Step();
        var enabled = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/enable", new { code = Totp.Compute(secret, step) }, token);
        var codes = enabled.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        AlignToStep(advanceSteps: 1);
        var fresh = await _api.LoginAsync(email, totpCode: Totp.Compute(secret, Step()));
        return new TwoFactorUser(email, fresh.GetProperty("accessToken").GetString()!, secret, codes, step);
    }

    private sealed record TwoFactorUser(string Email, string Token, byte[] Secret, IReadOnlyList<string> RecoveryCodes, long EnabledAtStep)
    {
        public string Code(long step) => Totp.Compute(Secret, step);
    }
}
