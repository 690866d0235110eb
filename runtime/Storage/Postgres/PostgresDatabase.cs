using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>
/// The PostgreSQL database shared by the grain, row and reminder storage and the stream log: one
/// pooled <see cref="NpgsqlDataSource"/>, and what to tell an operator when it cannot be used.
/// A connection string that does not parse is reported by <see cref="PostgresRuntimeStorage.InitializeAsync"/>,
/// like every other configuration problem, rather than by the constructor.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private const string Advice = "Check ConnectionStrings__Postgres and that the server is running and reachable from this machine.";

    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _configurationError;

    public PostgresDatabase(string connectionString)
    {
        try
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            var settings = builder.ConnectionStringBuilder;
            Endpoint = $"{settings.Host ?? "localhost"}:{settings.Port}";
            Username = settings.Username ?? Environment.UserName;
            Database = settings.Database ?? Username;
            ConnectTimeout = settings.Timeout;
            _dataSource = builder.Build();
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            Endpoint = "(unknown)";
            Username = Database = "(unknown)";
            _configurationError =
                $"The PostgreSQL connection string is not valid ({WithoutPassword(exception.Message, connectionString).TrimEnd('.')}). Fix ConnectionStrings__Postgres, " +
                "for example Host=db;Port=5432;Database=pyairtable;Username=pyairtable;Password=...";
        }
    }

    /// <summary>Host and port, for messages.</summary>
    public string Endpoint { get; }

    public string Username { get; }

    public string Database { get; }

    /// <summary>Seconds a connection attempt may take.</summary>
    public int ConnectTimeout { get; }

    public NpgsqlDataSource DataSource => _dataSource ?? throw new StorageUnavailableException(_configurationError!);

    public NpgsqlCommand CreateCommand(string sql) => DataSource.CreateCommand(sql);

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Says in one paragraph why the database cannot be used: what failed and what to fix. Never mentions the password.</summary>
    public StorageUnavailableException Explain(Exception exception) => exception switch
    {
        StorageUnavailableException unavailable => unavailable,
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } refused => new(
            $"PostgreSQL at {Endpoint} refused user '{Username}' ({refused.MessageText}). Check Username and Password in ConnectionStrings__Postgres.",
            exception),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new(
            $"The database '{Database}' does not exist on PostgreSQL at {Endpoint}. Create it (CREATE DATABASE \"{Database}\") or fix Database in ConnectionStrings__Postgres.",
            exception),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } denied => new(
            $"User '{Username}' may not create PyAirtable's tables in database '{Database}' at {Endpoint} ({denied.MessageText}). " +
            "Grant it CREATE on the schema, or let the database's owner run the silo once.",
            exception),
        PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow } busy => new(
            $"PostgreSQL at {Endpoint} is not accepting connections ({busy.MessageText}). Wait until it has started, or raise its max_connections.",
            exception),
        PostgresException failed => new(
            $"PostgreSQL at {Endpoint} failed while preparing PyAirtable's tables in database '{Database}' ({failed.SqlState}: {failed.MessageText}). " +
            "Check ConnectionStrings__Postgres and the server's log.",
            exception),
        _ => new($"Cannot connect to PostgreSQL at {Endpoint} ({Reason(exception)}). {Advice}", exception),
    };

    private static string WithoutPassword(string message, string connectionString)
    {
        try
        {
            var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "Pwd" })
            {
                if (keys.TryGetValue(key, out var value) && value is string { Length: > 0 } password)
                {
                    message = message.Replace(password, "***", StringComparison.Ordinal);
                }
            }
        }
        catch (ArgumentException)
        {
            // Not even the generic syntax parses: the message cannot contain a parsed password.
        }

        return message;
    }

    private string Reason(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return "host not found";
                case SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                    return "host unreachable";
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                case TimeoutException:
                    return $"no answer within {ConnectTimeout} s";
            }
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.TrimEnd('.');
    }
}
