using System.Collections.Concurrent;

namespace PyAirtable.Runtime.Catalog;

/// <summary>The activations living in this silo, and their idle collection.</summary>
internal sealed class ActivationCatalog(SiloRuntime runtime) : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private ITimer? _collector;

    public int Count => _activations.Count;

    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            return activation;
        }

        var grainClass = runtime.Registry.GetByTypeName(grainId.Type);
        return _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(state.runtime, id, state.grainClass), (runtime, grainClass));
    }

    public ActivationData? TryGet(GrainId grainId) => _activations.TryGetValue(grainId, out var activation) ? activation : null;

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    public int TotalWaiting() => _activations.Values.Sum(a => a.WaitingCount);

    public void StartCollector()
    {
        var quantum = runtime.Options.CollectionQuantum;
        _collector = runtime.TimeProvider.CreateTimer(_ => CollectIdle(), null, quantum, quantum);
    }

    /// <summary>Deactivates every activation idle for longer than the collection age.</summary>
    public int CollectIdle()
    {
        var cutoff = Environment.TickCount64 - (long)runtime.Options.CollectionAge.TotalMilliseconds;
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.State == ActivationState.Valid && activation.LastActive <= cutoff && activation.IsIdle)
            {
                activation.RequestDeactivation(DeactivationReason.IdleCollection);
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Deactivates everything (silo shutdown) and waits for it, up to <paramref name="timeout"/>.</summary>
    public async Task DeactivateAllAsync(TimeSpan timeout)
    {
        _collector?.Dispose();
        var all = _activations.Values.ToList();
        foreach (var activation in all)
        {
            activation.RequestDeactivation(DeactivationReason.ShuttingDown);
        }

        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(timeout).ConfigureAwait(false);
    }

    public void Dispose() => _collector?.Dispose();
}
