using PyAirtable.Testing;

namespace PyAirtable.Silo.Tests.Durability;

/// <summary>
/// Writes grain state and stream events from several clients, kills the process with SIGKILL
/// at a random moment, restarts it on the same storage and checks that every acknowledged
/// write and event is there exactly once.
/// </summary>
public sealed class CrashTests
{
    private const int Kills = 5;
    private const int Clients = 4;

    [Fact]
    public async Task SqliteLosesNoAcknowledgedWriteOrEventAcrossFiveKills()
    {
        var folder = Directory.CreateTempSubdirectory("pyairtable-crash-").FullName;
        await RunKillCyclesAsync("sqlite", Path.Combine(folder, "crash.db"));
    }

    [Fact]
    public async Task PostgresLosesNoAcknowledgedWriteOrEventAcrossFiveKills()
    {
        var connectionString = await PostgresServer.Shared.CreateDatabaseAsync("crash");
        await RunKillCyclesAsync("postgres", connectionString);
    }

    private static async Task RunKillCyclesAsync(string storage, string location)
    {
        var acknowledged = Enumerable.Range(0, Clients).Select(_ => new List<long>()).ToArray();
        var random = new Random(storage.Length);
        for (var cycle = 0; cycle < Kills; cycle++)
        {
            var host = await CrashHostProcess.StartAsync(storage, location);
            await using (host)
            {
                await VerifyAsync(host, acknowledged);
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, Clients).Select(client => WriteUntilStoppedAsync(host, client, acknowledged[client], stop.Token)).ToArray();
                await Task.Delay(random.Next(300, 900));
                await host.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }
        }

        await using var final = await CrashHostProcess.StartAsync(storage, location);
        await VerifyAsync(final, acknowledged);
        Assert.All(acknowledged, values => Assert.NotEmpty(values));
    }

    /// <summary>Writes increasing values until the host dies; records only those the host acknowledged.</summary>
    private static async Task WriteUntilStoppedAsync(CrashHostProcess host, int client, List<long> acknowledged, CancellationToken stop)
    {
        var next = acknowledged.Count == 0 ? 1 : acknowledged[^1] + 2;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await host.Client.PostAsync(new Uri($"/ledger/client-{client}/{next}", UriKind.Relative), null, CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                return;
            }

            acknowledged.Add(next);
            next++;
        }
    }

    private static async Task VerifyAsync(CrashHostProcess host, List<long>[] acknowledged)
    {
        for (var client = 0; client < acknowledged.Length; client++)
        {
            var key = $"client-{client}";
            var state = await host.GetAsync($"/ledger/{key}") ?? [];
            var events = await host.GetAsync($"/ledger/{key}/events") ?? [];
            var projection = await host.GetAsync($"/ledger/{key}/projection") ?? [];

            Assert.Equal(state.Distinct().Count(), state.Count);
            Assert.Equal(events.Distinct().Count(), events.Count);
            Assert.Empty(acknowledged[client].Except(state));
            Assert.Empty(acknowledged[client].Except(events));
            Assert.Equal(state.Order(), state);
            Assert.Equal(events.Order(), events);
            Assert.Empty(events.Except(state));
            Assert.Equal(events, projection);
        }
    }
}
