using System.Net.Sockets;
using Npgsql;
using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>
/// Everything in a PostgreSQL database: the production storage, shared by every silo of a
/// cluster. Commits use the server's default <c>synchronous_commit</c>, so a write that
/// returned is durable.
/// </summary>
public sealed class PostgresRuntimeStorage : IRuntimeStorage
{
    private readonly PostgresDatabase _database;

    /// <param name="connectionString">An Npgsql connection string; problems with it are reported by <see cref="InitializeAsync"/>.</param>
    public PostgresRuntimeStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _database = new PostgresDatabase(connectionString);
        GrainStorage = new PostgresGrainStorage(_database);
        Rows = new PostgresGrainRowStorage(_database);
        Reminders = new PostgresReminderTable(_database);
        StreamLog = new PostgresStreamLog(_database);
    }

    public string ProviderName => "postgres";

    public string Description => $"database {_database.Database} at {_database.Endpoint} as {_database.Username}";

    public IGrainStorage GrainStorage { get; }

    public IGrainRowStorage Rows { get; }

    public IReminderTable Reminders { get; }

    public IStreamLog StreamLog { get; }

    /// <summary>Creates or migrates the schema; throws <see cref="StorageUnavailableException"/> when the database cannot be used.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PostgresMigrations.ApplyAsync(_database, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw _database.Explain(exception);
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException or SocketException or TimeoutException or StorageUnavailableException;
}
