using PyAirtable.CrashHost;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Postgres;
using PyAirtable.Runtime.Storage.Sqlite;
using PyAirtable.Runtime.Streams;

var builder = WebApplication.CreateBuilder(args);
var provider = builder.Configuration["storage"] ?? "sqlite";
builder.Services.AddPyAirtableRuntime(runtime => runtime
    .AddGrainClasses(typeof(LedgerGrain), typeof(LedgerProjectionGrain))
    .UseStorage(_ => provider == "postgres"
        ? new PostgresRuntimeStorage(builder.Configuration["postgres"]!)
        : new SqliteRuntimeStorage(builder.Configuration["sqlite"]!)));
var app = builder.Build();

app.MapGet("/ready", () => Results.Ok());
app.MapPost("/ledger/{key}/{value:long}", async (string key, long value, IGrainFactory grains) =>
{
    await grains.GetGrain<ILedgerGrain>(key).AppendAsync(value);
    return Results.Ok();
});
app.MapGet("/ledger/{key}", (string key, IGrainFactory grains) => grains.GetGrain<ILedgerGrain>(key).GetAsync());
app.MapGet("/ledger/{key}/projection", async (string key, IGrainFactory grains, IStreamAdministration streams) =>
{
    await streams.WaitForQuiescenceAsync(TimeSpan.FromSeconds(30));
    return await grains.GetGrain<ILedgerProjectionGrain>(key).GetAsync();
});
app.MapGet("/ledger/{key}/events", async (string key, IRuntimeStorage storage) =>
{
    var events = await storage.StreamLog.ReadAsync(StreamId.Create("ledger", key), 0, 100_000, CancellationToken.None);
    return events.Select(e => StateSerializer.Deserialize<LedgerEntryAdded>(e.Payload).Value).ToList();
});

await app.RunAsync();
