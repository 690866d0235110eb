namespace PyAirtable.Testing;

/// <summary>A class fixture: a fresh database on the shared server for one test class.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is created by InitializeAsync.");

    public async Task InitializeAsync() => _connectionString = await PostgresServer.Shared.CreateDatabaseAsync("test").ConfigureAwait(false);

    public Task DisposeAsync() => Task.CompletedTask;
}
