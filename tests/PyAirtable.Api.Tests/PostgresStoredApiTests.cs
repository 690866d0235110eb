using Npgsql;
using PyAirtable.Testing;

namespace PyAirtable.Api.Tests;

/// <summary><see cref="StoredApiTests"/> on a fresh database of the shared throwaway PostgreSQL server.</summary>
public sealed class PostgresStoredApiTests : StoredApiTests
{
    private string? _connectionString;

    protected override string TablesSql => "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("InitializeAsync creates the database.");

    public override async Task InitializeAsync() => _connectionString = await PostgresServer.Shared.CreateDatabaseAsync("auth");

    public override Task DisposeAsync() => Task.CompletedTask;

    protected override ApiHost NewHost(int passwordIterations = 1000) => new PostgresApiHost(ConnectionString, passwordIterations);

    protected override async Task<IReadOnlyList<object[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    protected override async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
