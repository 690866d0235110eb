using System.Collections.Concurrent;

namespace PyAirtable.Runtime.Tests.TestGrains;

/// <summary>An ordinary service injected into grains next to their persistent state; tests read what grains wrote to it.</summary>
public sealed class LifecycleLog
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ConcurrentDictionary<string, int> Counters { get; } = new();

    public int Increment(string key) => Counters.AddOrUpdate(key, 1, (_, v) => v + 1);
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> HelloAsync();

    Task<WeakReference> GetWeakSelfAsync();

    Task DeactivateAsync();
}

public sealed class LifecycleGrain(LifecycleLog log, [PersistentState("life")] IPersistentState<CounterState> state) : Grain, ILifecycleGrain
{
    private bool _activated;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Increment("construct:" + this.GetPrimaryKeyString());
        if (this.GetPrimaryKeyString().StartsWith("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("activation refused for " + this.GetPrimaryKeyString());
        }

        _activated = true;
        log.Entries.Enqueue("activate:" + this.GetPrimaryKeyString() + ":" + state.RecordExists);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Entries.Enqueue("deactivate:" + this.GetPrimaryKeyString() + ":" + reason);
        return Task.CompletedTask;
    }

    public Task<string> HelloAsync() => Task.FromResult(_activated ? "activated" : "not activated");

    public Task<WeakReference> GetWeakSelfAsync() => Task.FromResult(new WeakReference(this));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
