using Npgsql;
using PyAirtable.Runtime.Storage;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>
/// The PostgreSQL baseline: the provider's insert-then-versioned-update statements on a pooled
/// <see cref="NpgsqlDataSource"/>, one autocommit statement per write, with the server's default
/// <c>synchronous_commit</c>.
/// </summary>
internal sealed class PostgresRawStateWriter(NpgsqlDataSource dataSource, string grainId, bool ownsDataSource) : IRawStateWriter
{
    private long? _version;

    /// <summary>Creates the table (the provider's DDL) and one writer per grain id, sharing one data source.</summary>
    public static async Task<IRawStateWriter[]> CreateAsync(string connectionString, IReadOnlyList<string> grainIds)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name text NOT NULL,
                grain_id text NOT NULL,
                version bigint NOT NULL,
                data text NOT NULL,
                modified_at bigint NOT NULL,
                PRIMARY KEY (grain_id, state_name))
            """))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return [.. grainIds.Select((id, i) => (IRawStateWriter)new PostgresRawStateWriter(dataSource, id, ownsDataSource: i == 0))];
    }

    public async Task WriteAsync(int value)
    {
        var json = StateSerializer.Serialize(WriterState.For(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var command = dataSource.CreateCommand(_version is null
            ? """
              INSERT INTO grain_state (state_name, grain_id, version, data, modified_at) VALUES ($1, $2, 1, $3, $4)
              ON CONFLICT (grain_id, state_name) DO NOTHING
              """
            : """
              UPDATE grain_state SET version = version + 1, data = $3, modified_at = $4
              WHERE state_name = $1 AND grain_id = $2 AND version = $5
              """);
        command.Parameters.AddWithValue(StateWriterGrain.StateName);
        command.Parameters.AddWithValue(grainId);
        command.Parameters.AddWithValue(json);
        command.Parameters.AddWithValue(now);
        if (_version is { } expected)
        {
            command.Parameters.AddWithValue(expected);
        }

        if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException($"The baseline write of {grainId} matched no row.");
        }

        _version = (_version ?? 0) + 1;
    }

    public ValueTask DisposeAsync() => ownsDataSource ? dataSource.DisposeAsync() : ValueTask.CompletedTask;
}
