namespace PyAirtable.Runtime.Tests.TestGrains;

public interface ISlowGrain : IGrainWithGuidKey
{
    Task<int> SleepAsync(int milliseconds);
}

public sealed class SlowGrain : Grain, ISlowGrain
{
    private int _calls;

    public async Task<int> SleepAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return ++_calls;
    }
}
