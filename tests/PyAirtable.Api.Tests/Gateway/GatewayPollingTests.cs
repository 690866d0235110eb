using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.LocalBases.Events;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>Change detection by polling: changes made straight in Airtable become events and drop what the gateway cached.</summary>
public sealed class GatewayPollingTests(PollingGatewayHost host) : IClassFixture<PollingGatewayHost>
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);

    private async Task<ConcurrentQueue<object>> EventsAsync(ConnectedBase world)
    {
        var events = new ConcurrentQueue<object>();
        await host.Services.GetRequiredService<IStreamProvider>().GetStream<object>(StreamId.Create(BaseStreams.Namespace, world.BaseId))
            .SubscribeAsync((e, _) =>
            {
                events.Enqueue(e);
                return Task.CompletedTask;
            });
        return events;
    }

    private static async Task<T> WaitForAsync<T>(ConcurrentQueue<object> events, Func<T, bool> match)
    {
        var until = DateTimeOffset.UtcNow + s_patience;
        while (DateTimeOffset.UtcNow < until)
        {
            if (events.OfType<T>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No {typeof(T).Name} arrived in {s_patience}.");
    }

    /// <summary>A write straight at the simulator, after a pause: it shares the base's 5 requests a second with the gateway's polls.</summary>
    private static async Task<System.Text.Json.JsonElement> DirectAsync(ConnectedBase world, HttpMethod method, string path, object? body)
    {
        await Task.Delay(600);
        return await world.Airtable.SendAsync(method, path, body);
    }

    private static async Task<string[]> IdsAsync(ConnectedBase world) =>
        (await world.DirectGetAsync(world.Path())).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task ChangesMadeStraightInAirtableAreFoundByPollingAndPublishedOnTheBaseStream()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 3);
        var events = await EventsAsync(world);
        var ids = await IdsAsync(world);
        await Task.Delay(3000); // the first poll takes the snapshot the next ones compare with

        await DirectAsync(world, HttpMethod.Patch, world.Path() + "/" + ids[0], new { fields = new { Name = "Changed in Airtable" } });
        var created = await DirectAsync(world, HttpMethod.Post, world.Path(), new { records = new[] { new { fields = new { Name = "Made in Airtable" } } } });
        await DirectAsync(world, HttpMethod.Delete, world.Path() + "/" + ids[1], null);

        var updated = await WaitForAsync<RecordsUpdated>(events, e => e.Changes.Any(c => c.RecordId == ids[0]));
        Assert.Equal(world.BaseId, updated.BaseId);
        Assert.StartsWith("tbl", updated.TableId, StringComparison.Ordinal);
        Assert.Contains(updated.Changes.Single(c => c.RecordId == ids[0]).After.Fields.Values, v => v.ToString() == "Changed in Airtable");
        Assert.Null(updated.ActorId);
        var newId = created.GetProperty("records")[0].GetProperty("id").GetString();
        await WaitForAsync<RecordsCreated>(events, e => e.Records.Any(r => r.Id == newId));
        await WaitForAsync<RecordsDeleted>(events, e => e.Records.Any(r => r.Id == ids[1]));
    }

    [Fact]
    public async Task AReadAfterAChangeFoundByPollingIsNotServedStaleFromTheCache()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 2);
        var events = await EventsAsync(world);
        var ids = await IdsAsync(world);
        var path = world.Path() + "/" + ids[0];
        Assert.Equal("Task 0", (await world.GetAsync(path)).GetProperty("fields").GetProperty("Name").GetString());
        await Task.Delay(3000);

        await DirectAsync(world, HttpMethod.Patch, path, new { fields = new { Name = "Renamed in Airtable" } });
        await WaitForAsync<RecordsUpdated>(events, e => e.Changes.Any(c => c.RecordId == ids[0]));

        Assert.Equal("Renamed in Airtable", (await world.GetAsync(path)).GetProperty("fields").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task AWriteThroughPyAirtableIsPublishedOnceWithItsActorAndNotAgainByThePoll()
    {
        var world = await ConnectedBase.CreateAsync(host, records: 2);
        var events = await EventsAsync(world);
        var ids = await IdsAsync(world);
        await Task.Delay(3000);

        await world.Gateway.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{world.WorkspaceId}/bases/{world.BaseId}/tables/Tasks/records",
            new { records = new[] { new { id = ids[0], fields = new { Name = "Renamed through PyAirtable" } } } }, world.OwnerToken);
        var updated = await WaitForAsync<RecordsUpdated>(events, e => e.Changes.Any(c => c.RecordId == ids[0]));
        Assert.NotNull(updated.ActorId);
        await Task.Delay(4000); // several polls

        Assert.Single(events.OfType<RecordsUpdated>(), e => e.Changes.Any(c => c.RecordId == ids[0]));
    }
}
