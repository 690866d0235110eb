using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using PyAirtable.Benchmarks.Calls;
using PyAirtable.Runtime.Hosting;

namespace PyAirtable.Benchmarks.Activations;

/// <summary>
/// One caller: the cost of activating a grain by calling it with a new key, against the plain
/// equivalent (a new object of the same fields added to a dictionary under the same key, then
/// called). Each iteration starts from an empty silo; the invocation count per iteration is set by
/// the job.
/// </summary>
[SuppressMessage("Performance", "CA1515", Justification = "BenchmarkDotNet runs public benchmark classes only.")]
public class ActivationMicroBenchmarks
{
    private InProcessSilo? _silo;
    private ConcurrentDictionary<string, IPingGrain> _plain = new(StringComparer.Ordinal);
    private int _next;

    [IterationSetup]
    public void StartEmpty()
    {
        _silo = InProcessSilo.StartAsync(builder => builder.AddGrainClasses(typeof(PingGrain), typeof(StatefulPingGrain)).UseMemoryStorage())
            .GetAwaiter().GetResult();
        _plain = new ConcurrentDictionary<string, IPingGrain>(StringComparer.Ordinal);
    }

    [IterationCleanup]
    public void Stop()
    {
        _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _silo = null;
    }

    [Benchmark(Baseline = true, Description = "plain: new object in a dictionary, then called")]
    public Task<int> NewPlainObject() => _plain.GetOrAdd(NextKey(), static _ => new PlainPing()).AddAsync(1);

    [Benchmark(Description = "activate a grain (first call)")]
    public Task<int> ActivateGrain() => _silo!.GrainFactory.GetGrain<IPingGrain>(NextKey()).AddAsync(1);

    [Benchmark(Description = "activate a grain with a persistent state (memory storage, nothing stored)")]
    public Task<int> ActivateGrainWithState() => _silo!.GrainFactory.GetGrain<IStatefulPingGrain>(NextKey()).AddAsync(1);

    private string NextKey() => "a" + (++_next).ToString(CultureInfo.InvariantCulture);
}
