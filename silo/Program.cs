using PyAirtable.Api;
using PyAirtable.Runtime.Storage;
using PyAirtable.Silo.Configuration;

if (args is [McpCommand.Name, ..])
{
    return await McpCommand.RunAsync(args[1..]);
}

// Settings files ship next to the executable; data paths stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
WebApplication app;
try
{
    builder.AddPyAirtableSilo();
    app = builder.Build();
    app.MapPyAirtableApi();
    await app.PrepareStorageAsync();
}
catch (Exception error) when (error is StorageUnavailableException or InvalidSiloConfigurationException)
{
    // The message says what to fix; a stack trace would only hide it.
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

await using var running = app;
await app.StartAsync();
app.LogStarted();
await app.WaitForShutdownAsync();
return 0;
