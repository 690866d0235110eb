using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Messaging;
using PyAirtable.Runtime.Telemetry;

namespace PyAirtable.Benchmarks.Calls;

/// <summary>
/// One caller, no concurrency: what a grain call costs layer by layer, peeled from the outside
/// (proxy → dispatcher → activation → compiled method) against the same call on a plain object,
/// plus the pieces each layer adds (catalog lookup, call-context switch, telemetry hooks).
/// </summary>
[SuppressMessage("Performance", "CA1515", Justification = "BenchmarkDotNet runs public benchmark classes only.")]
[SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
public class CallMicroBenchmarks
{
    private readonly object?[] _args = [1];
    private InProcessSilo _silo = null!;
    private IPingGrain _grain = null!;
    [SuppressMessage("Performance", "CA1859", Justification = "The baseline calls through the interface, as callers of a grain do.")]
    private IPingGrain _plain = null!;
    private GrainId _grainId;
    private GrainMethod _method = null!;
    private ActivationData _activation = null!;
    private SiloRuntime _runtime = null!;
    private IPingGrain _constantProxy = null!;
    private RuntimeMethodHandle _methodHandle;
    private RuntimeTypeHandle _typeHandle;
    private MethodInfo _methodInfo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _silo = InProcessSilo.StartAsync(builder => builder.AddGrainClasses(typeof(PingGrain)).UseMemoryStorage()).GetAwaiter().GetResult();
        _runtime = _silo.Runtime;
        _grain = _silo.GrainFactory.GetGrain<IPingGrain>("micro");
        _grain.AddAsync(0).GetAwaiter().GetResult();
        _plain = new PlainPing();
        _grainId = _grain.GetGrainId();
        _method = GrainReferenceProxy.GetMethod(typeof(IPingGrain).GetMethod(nameof(IPingGrain.AddAsync))!);
        _activation = _runtime.Catalog.TryGet(_grainId)!;
        _constantProxy = DispatchProxy.Create<IPingGrain, ConstantProxy>();
        _methodInfo = typeof(IPingGrain).GetMethod(nameof(IPingGrain.AddAsync))!;
        _methodHandle = _methodInfo.MethodHandle;
        _typeHandle = typeof(IPingGrain).TypeHandle;
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "plain object, interface call")]
    public Task<int> PlainCall() => _plain.AddAsync(1);

    [Benchmark(Description = "grain call through its reference (whole path)")]
    public Task<int> GrainCall() => _grain.AddAsync(1);

    [Benchmark(Description = "Dispatcher.Invoke (no proxy, arguments already boxed)")]
    public Task DispatcherInvoke() => _runtime.Dispatcher.Invoke(_grainId, _method, _args);

    [Benchmark(Description = "ActivationData.Invoke (no dispatcher)")]
    public Task ActivationInvoke() => _activation.Invoke(_method, _args, 1);

    [Benchmark(Description = "GrainMethod.InvokeOnGrain (compiled call only)")]
    public Task CompiledInvoke() => _method.InvokeOnGrain(_activation.Instance!, _args);

    [Benchmark(Description = "piece: ActivationCatalog.GetOrCreate")]
    public object CatalogLookup() => _runtime.Catalog.GetOrCreate(_grainId);

    [Benchmark(Description = "piece: CallContext set and restore (AsyncLocal)")]
    public object? CallContextSwitch()
    {
        var previous = CallContext.Current;
        CallContext.Current = new CallContext(1, _activation);
        CallContext.Current = previous;
        return previous;
    }

    [Benchmark(Description = "piece: telemetry hooks, nobody listening")]
    public long TelemetryHooks()
    {
        var activity = RuntimeInstruments.StartCall(_method.Name, _grainId);
        var started = RuntimeInstruments.CallStarted();
        RuntimeInstruments.CallEnded(started, activity, Task.CompletedTask);
        return started;
    }

    [Benchmark(Description = "piece: DispatchProxy call answering a cached task")]
    public Task<int> DispatchProxyAlone() => _constantProxy.AddAsync(1);

    [Benchmark(Description = "piece: MethodBase.GetMethodFromHandle")]
    public MethodBase? MethodFromHandle() => MethodBase.GetMethodFromHandle(_methodHandle, _typeHandle);

    [Benchmark(Description = "piece: GrainMethod lookup by MethodInfo")]
    public object MethodLookup() => GrainReferenceProxy.GetMethod(_methodInfo);

    [Benchmark(Description = "piece: TaskCompletionSource, completed")]
    public Task<int> CompletionAlone()
    {
        var completion = new TaskCompletionSource<int>();
        completion.SetResult(1);
        return completion.Task;
    }

    [Benchmark(Description = "piece: TaskCompletionSource + WaitAsync(30 s), completed")]
    public Task<int> CompletionWithTimeout()
    {
        var completion = new TaskCompletionSource<int>();
        var waiting = completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
        completion.SetResult(1);
        return waiting;
    }

    [Benchmark(Description = "plain object, method awaits once")]
    public Task<int> PlainAwaitingCall() => _plain.AddAfterYieldAsync(1);

    [Benchmark(Description = "grain call, method awaits once")]
    public Task<int> GrainAwaitingCall() => _grain.AddAfterYieldAsync(1);
}
