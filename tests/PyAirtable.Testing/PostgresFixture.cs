namespace PyAirtable.Testing;

/// <summary>The collection fixture of <see cref="PostgresCollection"/>: makes sure the shared server is running.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; } = PostgresServer.Shared;

    /// <summary>Creates a fresh database on the shared server and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => Server.CreateDatabaseAsync(prefix);

    public Task InitializeAsync() => Server.StartAsync();

    // The shared server lives until the test process exits: other collections may still use it.
    public Task DisposeAsync() => Task.CompletedTask;
}
