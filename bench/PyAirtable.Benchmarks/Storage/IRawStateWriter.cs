namespace PyAirtable.Benchmarks.Storage;

/// <summary>One baseline writer: the provider's upsert issued with raw ADO.NET commands, each write its own transaction.</summary>
internal interface IRawStateWriter : IAsyncDisposable
{
    Task WriteAsync(int value);
}
