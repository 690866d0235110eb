using Microsoft.Data.Sqlite;

namespace PyAirtable.Api.Tests;

/// <summary><see cref="StoredApiTests"/> on a SQLite file in a temporary folder.</summary>
public sealed class SqliteStoredApiTests : StoredApiTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pyairtable-auth-").FullName;

    protected override string TablesSql => "SELECT name FROM sqlite_master WHERE type = 'table'";

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, SqliteApiHost.FileName), Pooling = false, DefaultTimeout = 30 }.ToString();

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override ApiHost NewHost(int passwordIterations = 1000) => new SqliteApiHost(_directory, passwordIterations);

    protected override async Task<IReadOnlyList<object[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
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
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        return command;
    }
}
