namespace PyAirtable.Benchmarks.Calls;

/// <summary>The baseline: <see cref="PingGrain"/>'s body on a plain object, called through the same interface, no runtime.</summary>
internal sealed class PlainPing : IPingGrain
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
