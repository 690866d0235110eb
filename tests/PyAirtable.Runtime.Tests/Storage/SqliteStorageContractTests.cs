using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Sqlite;

namespace PyAirtable.Runtime.Tests.Storage;

/// <summary>The contract against a SQLite file of its own per test, in a directory the storage has to create.</summary>
public sealed class SqliteStorageContractTests : RuntimeStorageContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pyairtable-sqlite-").FullName;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    protected override IRuntimeStorage CreateStorage() => new SqliteRuntimeStorage(Path.Combine(_folder, "data", "contract.db"));
}
