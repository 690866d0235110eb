using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Api.Tests;

/// <summary>Every security event the issue lists reaches the audit log with who, what, target, UTC time, client address and outcome, and no secret.</summary>
public sealed class AuditCoverageTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] s_readScope = ["read"];

    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task EveryListedSecurityEventIsAuditedWithItsActorAddressAndOutcome()
    {
        var admin = await _api.AdminTokenAsync();
        var email = Api.NewEmail();
        var id = await _api.RegisterAsync(email);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "wrong-Password-1" }, expected: HttpStatusCode.Unauthorized);
        var login = await _api.LoginAsync(email);
        var token = login.GetProperty("accessToken").GetString()!;
        var refresh = login.GetProperty("refreshToken").GetString()!;
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = refresh });
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = refresh }, expected: HttpStatusCode.Unauthorized);
        token = (await _api.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        var workspace = await _api.NewWorkspaceAsync(token);
        var key = await _api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "k", scopes = s_readScope }, token, HttpStatusCode.Created);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/api-keys/{key.GetProperty("id").GetString()}", token: token, expected: HttpStatusCode.NoContent);
        var (memberId, _) = await _api.NewMemberAsync(workspace, token, "viewer");
        await _api.JsonAsync(HttpMethod.Patch, $"/api/v1/workspaces/{workspace}/members/{memberId}", new { role = "editor" }, token);
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}/members/{memberId}", token: token, expected: HttpStatusCode.NoContent);
        var setup = await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/setup", new { password = Api.Password }, token);
        var seed = Base32.Decode(setup.GetProperty("secret").GetString()!);
        var code = Totp.Compute(seed, Totp.StepAt(host.Clock.GetUtcNow()));
        var codes = (await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/enable", new { code }, token)).GetProperty("recoveryCodes");
        var recovery = codes[0].GetString()!;
        token = (await _api.LoginAsync(email, totpCode: recovery)).GetProperty("accessToken").GetString()!;
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/disable", new { password = Api.Password, code = "999999" == code ? "888888" : "999999" }, token, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = "wrong-Password-1", newPassword = "another-Secret-22" }, token, HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = Api.Password, newPassword = "another-Secret-22" }, token, HttpStatusCode.NoContent);
        token = (await _api.LoginAsync(email, "another-Secret-22", codes[1].GetString())).GetProperty("accessToken").GetString()!;
        await _api.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{workspace}", token: token, expected: HttpStatusCode.NoContent);
        await _api.JsonAsync(HttpMethod.Post, $"/api/v1/admin/users/{id}/disable", null, admin, HttpStatusCode.NoContent);

        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));
        var log = (await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAuditLogGrain>(AuditStreams.Key).QueryAsync(null, 500))
            .Select(e => e.Event).Where(e => e.ActorId == id || e.Target == id || e.WorkspaceId == workspace || e.Target == email).ToList();

        void Has(string action, string outcome, string? actor = null)
        {
            var found = log.Where(e => e.Action == action && e.Outcome == outcome && (actor is null || e.ActorId == actor)).ToList();
            Assert.True(found.Count > 0, $"no {outcome} {action} in the audit log: {string.Join(", ", log.Select(e => e.Action + "/" + e.Outcome))}");
            Assert.All(found, e => Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset));
            Assert.All(found, e => Assert.False(string.IsNullOrEmpty(e.ClientAddress), $"{action} has no client address"));
        }

        Has("user.register", "success", id);
        Has("auth.login", "failure", id);
        Has("auth.login", "success", id);
        Has("auth.refresh-reuse", "denied", id);
        Has("workspace.create", "success", id);
        Has("apikey.create", "success", id);
        Has("apikey.revoke", "success", id);
        Has("workspace.invite", "success", id);
        Has("workspace.member-add", "success", memberId);
        Has("workspace.member-role-change", "success", id);
        Has("workspace.member-remove", "success", id);
        Has("user.2fa-enable", "success", id);
        Has("user.2fa-disable", "failure", id);
        Has("user.password-change", "success", id);
        Has("user.password-change", "failure", id);
        Has("workspace.delete", "success", id);
        Has("admin.user-disable", "success");
        var text = string.Join("\n", log);
        foreach (var secret in new[] { Api.Password, "another-Secret-22", "wrong-Password-1", refresh, refresh[33..], key.GetProperty("key").GetString()!, recovery, setup.GetProperty("secret").GetString()! })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
