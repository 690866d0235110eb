using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>A grain that writes its state on every call.</summary>
public interface IStateWriterGrain : IGrainWithStringKey
{
    /// <summary>Replaces the state and writes it; returns once the write is durable.</summary>
    Task WriteAsync(int value);
}
