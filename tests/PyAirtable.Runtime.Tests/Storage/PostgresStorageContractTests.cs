using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Postgres;
using PyAirtable.Testing;

namespace PyAirtable.Runtime.Tests.Storage;

/// <summary>The contract against a fresh database per class on the shared throwaway PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageContractTests(PostgresDatabaseFixture database) : RuntimeStorageContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override IRuntimeStorage CreateStorage() => new PostgresRuntimeStorage(database.ConnectionString);
}
