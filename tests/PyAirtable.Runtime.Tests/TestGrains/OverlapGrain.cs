namespace PyAirtable.Runtime.Tests.TestGrains;

public interface IOverlapGrain : IGrainWithStringKey
{
    /// <summary>Works across an await; returns how many calls were inside at once at most.</summary>
    Task<int> WorkAsync(int delayMs);

    [ReadOnly]
    Task<int> ReadAsync(int delayMs);

    [AlwaysInterleave]
    Task<int> InterleaveAsync(int delayMs);

    Task<int> GetMaxConcurrencyAsync();
}

/// <summary>Counts how many calls are inside it at the same time.</summary>
public class OverlapGrainBase : Grain
{
    private int _inside;
    private int _max;

    public Task<int> WorkAsync(int delayMs) => EnterAsync(delayMs);

    public Task<int> ReadAsync(int delayMs) => EnterAsync(delayMs);

    public Task<int> InterleaveAsync(int delayMs) => EnterAsync(delayMs);

    public Task<int> GetMaxConcurrencyAsync() => Task.FromResult(_max);

    private async Task<int> EnterAsync(int delayMs)
    {
        _inside++;
        _max = Math.Max(_max, _inside);
        await Task.Delay(delayMs);
        _inside--;
        return _max;
    }
}

public sealed class OverlapGrain : OverlapGrainBase, IOverlapGrain
{
}

public interface IReentrantOverlapGrain : IGrainWithStringKey
{
    Task<int> WorkAsync(int delayMs);

    Task<int> GetMaxConcurrencyAsync();
}

[Reentrant]
public sealed class ReentrantOverlapGrain : OverlapGrainBase, IReentrantOverlapGrain
{
}
