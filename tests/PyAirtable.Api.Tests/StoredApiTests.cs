using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Api.Tests;

/// <summary>
/// The auth, workspace and API-key flows on real storage (SQLite and PostgreSQL, one subclass
/// each, a fresh database per test): surviving a restart, the audit chain against edits made
/// directly in the database, and no secret stored or logged in clear.
/// </summary>
public abstract class StoredApiTests : IAsyncLifetime
{
    private static readonly string[] s_writeScope = ["write"];

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task UsersKeysSessionsMembersAndTheAuditChainSurviveARestart()
    {
        var email = Api.NewEmail();
        JsonElement pair;
        string workspace, key, memberId, staleRefresh;
        long entriesBefore;
        await using (var first = NewHost())
        {
            var api = new Api(first.CreateClient());
            await api.RegisterAsync(email);
            var login = await api.LoginAsync(email);
            staleRefresh = login.GetProperty("refreshToken").GetString()!;
            pair = await api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = staleRefresh });
            var token = pair.GetProperty("accessToken").GetString()!;
            workspace = await api.NewWorkspaceAsync(token);
            key = (await api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "ci", scopes = s_writeScope }, token, HttpStatusCode.Created)).GetProperty("key").GetString()!;
            memberId = (await api.NewMemberAsync(workspace, token, "editor")).Id;
            var admin = await api.AdminTokenAsync();
            entriesBefore = (await VerifiedAsync(first, api, admin)).GetProperty("entriesChecked").GetInt64();
            Assert.True(entriesBefore >= 8);
        }

        await using var second = NewHost();
        var again = new Api(second.CreateClient());
        var access = pair.GetProperty("accessToken").GetString()!;
        Assert.Equal(email, (await again.JsonAsync(HttpMethod.Get, "/api/v1/me", token: access)).GetProperty("email").GetString());
        var rotated = await again.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = pair.GetProperty("refreshToken").GetString() });
        Assert.NotEqual(pair.GetProperty("refreshToken").GetString(), rotated.GetProperty("refreshToken").GetString());
        await again.LoginAsync(email);
        await again.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        var members = await again.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/members", token: access);
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == memberId && m.GetProperty("role").GetString() == "editor");

        await again.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = staleRefresh }, expected: HttpStatusCode.Unauthorized);
        await again.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = rotated.GetProperty("refreshToken").GetString() }, expected: HttpStatusCode.Unauthorized);
        var verified = await VerifiedAsync(second, again, await again.AdminTokenAsync());
        Assert.True(verified.GetProperty("entriesChecked").GetInt64() > entriesBefore);
    }

    [Fact]
    public async Task RaisedPasswordIterationsUpgradeTheStoredHashAtTheNextSignIn()
    {
        var email = Api.NewEmail();
        string id;
        await using (var first = NewHost(passwordIterations: 1000))
        {
            id = await new Api(first.CreateClient()).RegisterAsync(email);
        }

        Assert.Equal(1000, (await PasswordOfAsync(id)).Iterations);
        await using var second = NewHost(passwordIterations: 1500);
        var api = new Api(second.CreateClient());
        await api.LoginAsync(email);

        var upgraded = await PasswordOfAsync(id);
        Assert.Equal(1500, upgraded.Iterations);
        Assert.True(PasswordHasher.Verify(Api.Password, upgraded));
        await api.LoginAsync(email);
    }

    [Fact]
    public async Task EditingDeletingOrReorderingStoredAuditEntriesIsDetectedByVerify()
    {
        await using var host = NewHost();
        var api = new Api(host.CreateClient());
        var admin = await api.AdminTokenAsync();
        var (_, owner) = await api.NewUserAsync();
        await api.NewWorkspaceAsync(owner);
        var original = await VerifiedAsync(host, api, admin);
        var row = Assert.Single(await QueryAsync("SELECT grain_id, data FROM grain_state WHERE state_name = 'audit'"));
        var grainId = (string)row[0];
        var entries = StateSerializer.Deserialize<AuditChunkState>((string)row[1]).Entries;
        Assert.Equal(original.GetProperty("entriesChecked").GetInt64(), entries.Count);
        Assert.True(entries.Count >= 4);

        async Task ExpectBrokenAsync(IEnumerable<AuditEntry> tampered, long firstInvalid)
        {
            await SetAuditAsync(grainId, tampered);
            var result = await api.JsonAsync(HttpMethod.Get, "/api/v1/admin/audit/verify", token: admin);
            Assert.False(result.GetProperty("valid").GetBoolean(), result.ToString());
            Assert.Equal(firstInvalid, result.GetProperty("firstInvalidSequence").GetInt64());
            await SetAuditAsync(grainId, entries);
            Assert.True((await api.JsonAsync(HttpMethod.Get, "/api/v1/admin/audit/verify", token: admin)).GetProperty("valid").GetBoolean());
        }

        await ExpectBrokenAsync(entries.Select(e => e.Sequence == 2 ? e with { Event = e.Event with { Outcome = "success", ActorId = "someone-else" } } : e), 2);
        await ExpectBrokenAsync(entries.Where(e => e.Sequence != 3), 3);
        await ExpectBrokenAsync(entries.Take(1).Append(entries[2]).Append(entries[1]).Concat(entries.Skip(3)), 2);
        await ExpectBrokenAsync(entries.Take(entries.Count - 1), entries.Count);
        var last = entries[^1];
        var forged = last with { Event = last.Event with { ClientAddress = "203.0.113.9" } };
        await ExpectBrokenAsync(entries.Take(entries.Count - 1).Append(forged with { Hash = AuditChain.HashOf(forged.Sequence, forged.Event, forged.PreviousHash) }), entries.Count);

        await ExecuteAsync("DELETE FROM grain_state WHERE state_name = 'audit' AND grain_id = @grain", ("grain", grainId));
        var deleted = await api.JsonAsync(HttpMethod.Get, "/api/v1/admin/audit/verify", token: admin);
        Assert.False(deleted.GetProperty("valid").GetBoolean());
        Assert.Equal(1, deleted.GetProperty("firstInvalidSequence").GetInt64());
    }

    [Fact]
    public async Task NoSecretIsStoredOrLoggedInClearAndPasswordsAreHashedAsDocumented()
    {
        await using var host = NewHost();
        var api = new Api(host.CreateClient());
        var email = Api.NewEmail();
        const string password = "stored-Secret-Check-31";
        var id = await api.RegisterAsync(email, password);
        var login = await api.LoginAsync(email, password);
        var access = login.GetProperty("accessToken").GetString()!;
        var refreshed = await api.JsonAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        var setup = await api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/setup", new { password }, access);
        var totpSecret = setup.GetProperty("secret").GetString()!;
        var seed = Base32.Decode(totpSecret);
        var recovery = (await api.JsonAsync(HttpMethod.Post, "/api/v1/me/2fa/enable", new { code = Totp.Compute(seed, Totp.StepAt(host.Clock.GetUtcNow())) }, access))
            .GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        var afterTwoFactor = await api.LoginAsync(email, password, recovery[0]);
        var token = afterTwoFactor.GetProperty("accessToken").GetString()!;
        var workspace = await api.NewWorkspaceAsync(token);
        var key = (await api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/api-keys", new { name = "ci", scopes = s_writeScope }, token, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var invitation = (await api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspace}/invitations", new { email = Api.NewEmail(), role = "viewer" }, token, HttpStatusCode.Created)).GetProperty("token").GetString()!;
        await api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}", token: key);
        await api.JsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = password + "x" }, expected: HttpStatusCode.Unauthorized);
        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));

        List<string> secrets = [password, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(password)), access, totpSecret, Convert.ToBase64String(seed), Convert.ToHexString(seed), Convert.ToHexStringLower(seed), key, key[37..], invitation, invitation[33..], .. recovery];
        foreach (var pair in new[] { login, refreshed, afterTwoFactor })
        {
            var refresh = pair.GetProperty("refreshToken").GetString()!;
            secrets.Add(refresh);
            secrets.Add(refresh[33..]);
        }

        var stored = string.Join("\n", await DumpAsync());
        Assert.Contains(id, stored, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.True(!stored.Contains(secret, StringComparison.Ordinal), $"A secret is stored in clear: {secret[..4]}…");
            Assert.True(!host.Logs.Lines.Any(l => l.Contains(secret, StringComparison.Ordinal)), $"A secret was logged: {secret[..4]}…");
        }

        Assert.NotEmpty(host.Logs.Lines);
        var hash = await PasswordOfAsync(id);
        Assert.Equal(PasswordHasher.Algorithm, hash.Algorithm);
        Assert.Equal(1000, hash.Iterations);
        Assert.Equal(16, Convert.FromBase64String(hash.Salt).Length);
        Assert.Equal(Convert.FromBase64String(hash.Hash), Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(hash.Salt), hash.Iterations, HashAlgorithmName.SHA256, 32));
        var twin = await PasswordOfAsync(await api.RegisterAsync(Api.NewEmail(), password));
        Assert.NotEqual(hash.Salt, twin.Salt);
        Assert.NotEqual(hash.Hash, twin.Hash);
    }

    /// <summary>A host on this test's database; disposing it and making another is a restart.</summary>
    protected abstract ApiHost NewHost(int passwordIterations = 1000);

    /// <summary>The names of this database's tables.</summary>
    protected abstract string TablesSql { get; }

    protected abstract Task<IReadOnlyList<object[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters);

    protected abstract Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters);

    private static async Task<JsonElement> VerifiedAsync(ApiHost host, Api api, string admin)
    {
        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));
        var verified = await api.JsonAsync(HttpMethod.Get, "/api/v1/admin/audit/verify", token: admin);
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
        return verified;
    }

    private Task SetAuditAsync(string grainId, IEnumerable<AuditEntry> entries) =>
        ExecuteAsync("UPDATE grain_state SET data = @data WHERE state_name = 'audit' AND grain_id = @grain",
            ("data", StateSerializer.Serialize(new AuditChunkState { Entries = [.. entries] })), ("grain", grainId));

    private async Task<PasswordHash> PasswordOfAsync(string userId)
    {
        var row = Assert.Single(await QueryAsync("SELECT data FROM grain_state WHERE state_name = 'user' AND grain_id LIKE @grain", ("grain", "%/" + userId)));
        return StateSerializer.Deserialize<PyAirtable.Grains.Users.UserState>((string)row[0]).Password!;
    }

    /// <summary>Every value of every row of every table, as text.</summary>
    private async Task<IReadOnlyList<string>> DumpAsync()
    {
        var text = new List<string>();
        foreach (var table in await QueryAsync(TablesSql))
        {
            foreach (var row in await QueryAsync($"SELECT * FROM \"{table[0]}\""))
            {
                text.Add(string.Join("|", row.Select(v => v is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return text;
    }
}
