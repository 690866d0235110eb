namespace PyAirtable.Runtime.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMs);

    Task<int> GetTicksAsync();

    Task<int> BusyAsync(int milliseconds);

    Task<bool> OverlapSeenAsync();

    Task DeactivateAsync();
}

public sealed class TimerGrain(LifecycleLog log) : Grain, ITimerGrain
{
    private int _ticks;
    private bool _busy;
    private bool _overlap;

    public Task StartAsync(int periodMs)
    {
        RegisterGrainTimer(async _ =>
        {
            if (_busy)
            {
                _overlap = true;
            }

            _ticks++;
            log.Increment("tick:" + this.GetPrimaryKeyString());
            await Task.Yield();
        }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public async Task<int> BusyAsync(int milliseconds)
    {
        _busy = true;
        await Task.Delay(milliseconds);
        _busy = false;
        return _ticks;
    }

    public Task<bool> OverlapSeenAsync() => Task.FromResult(_overlap);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
