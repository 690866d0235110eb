namespace PyAirtable.Api.Tests;

/// <summary>The API on a PostgreSQL database; a second host on the same database is a restart.</summary>
public sealed class PostgresApiHost(string connectionString, int passwordIterations = 1000) : ApiHost
{
    protected override string Provider => "postgres";

    protected override string? ConnectionString => connectionString;

    protected override int PasswordIterations => passwordIterations;
}
