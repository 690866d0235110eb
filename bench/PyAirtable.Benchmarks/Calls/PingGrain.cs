using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Calls;

/// <summary>A grain with one field: the smallest grain worth calling.</summary>
internal sealed class PingGrain : Grain, IPingGrain
{
    private int _total;

    public Task<int> AddAsync(int amount)
    {
        _total += amount;
        return Task.FromResult(_total);
    }

    public async Task<int> AddAfterYieldAsync(int amount)
    {
        await Task.Yield();
        _total += amount;
        return _total;
    }
}
