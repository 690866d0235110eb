using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Calls;

/// <summary>The grain the call and activation benchmarks call; <see cref="PlainPing"/> implements it without the runtime.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Adds to a counter and returns it; completes synchronously.</summary>
    Task<int> AddAsync(int amount);

    /// <summary>Adds to a counter after yielding once, so the call completes asynchronously.</summary>
    Task<int> AddAfterYieldAsync(int amount);
}
