using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.Grains.Audit;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Api.Tests;

public sealed class AuditTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly Api _api = new(host.CreateClient());

    [Fact]
    public async Task SecurityEventsAreChainedAndAnEditedEntryIsNamedByVerify()
    {
        var admin = await AdminTokenAsync();
        var (_, owner) = await _api.NewUserAsync();
        var workspace = await _api.NewWorkspaceAsync(owner);
        await host.Services.GetRequiredService<IStreamAdministration>().WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));

        var trail = await _api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{workspace}/audit", token: owner);
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("event").GetProperty("action").GetString() == "workspace.create");
        var ok = await _api.JsonAsync(HttpMethod.Get, "/api/v1/admin/audit/verify", token: admin);
        Assert.True(ok.GetProperty("valid").GetBoolean());

        var chunk = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAuditChunkGrain>(AuditStreams.Key + ":0");
        var entries = await chunk.ReadAsync();
        var storage = host.Services.GetRequiredKeyedService<PyAirtable.Runtime.Storage.IGrainStorage>(GrainStorageNames.Default);
        var tampered = entries.Select((e, i) => i == 1 ? e with { Event = e.Event with { Outcome = "forged" } } : e).ToList();
        await TamperAsync(storage, chunk.GetGrainId(), tampered);

        var bad = await _api.JsonAsync(HttpMethod.Get, "/api/v1/admin/audit/verify", token: admin);
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal(entries[1].Sequence, bad.GetProperty("firstInvalidSequence").GetInt64());
    }

    private async Task<string> AdminTokenAsync()
    {
        var first = await _api.LoginAsync(ApiHost.AdminEmail, ApiHost.AdminPassword);
        var token = first.GetProperty("accessToken").GetString()!;
        await _api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = ApiHost.AdminPassword, newPassword = "changed-Admin-Secret-7" }, token, HttpStatusCode.NoContent);
        return (await _api.LoginAsync(ApiHost.AdminEmail, "changed-Admin-Secret-7")).GetProperty("accessToken").GetString()!;
    }

    private static async Task TamperAsync(PyAirtable.Runtime.Storage.IGrainStorage storage, GrainId id, List<AuditEntry> entries)
    {
        var state = new PyAirtable.Runtime.Storage.GrainState<AuditChunkState>(new AuditChunkState());
        await storage.ReadStateAsync("audit", id, state);
        state.State = new AuditChunkState { Entries = entries };
        await storage.WriteStateAsync("audit", id, state);
    }
}
