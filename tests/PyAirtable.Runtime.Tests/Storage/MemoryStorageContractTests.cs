using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;

namespace PyAirtable.Runtime.Tests.Storage;

public sealed class MemoryStorageContractTests : RuntimeStorageContract
{
    protected override IRuntimeStorage CreateStorage() => new MemoryRuntimeStorage();
}
