using System.Diagnostics;
using PyAirtable.Runtime.Messaging;
using PyAirtable.Runtime.Messaging.Requests;
using PyAirtable.Runtime.Scheduler;
using PyAirtable.Runtime.Telemetry;
using PyAirtable.Runtime.Timers;

namespace PyAirtable.Runtime.Catalog;

/// <summary>
/// One activation of a grain: its instance, its scheduler and the admission rules that make it
/// turn-based. A request is admitted when nothing runs, when it belongs to a call chain that is
/// already running here (A → B → A), when it or the grain allows interleaving, or when it and
/// everything running are read-only.
/// </summary>
internal sealed partial class ActivationData
{
    [ThreadStatic]
    private static ActivationData? t_constructing;

    private readonly Lock _lock = new();
    private readonly Queue<GrainRequest> _waiting = new();
    private readonly List<long> _runningChains = new(2);
    private readonly ActivationScheduler _scheduler = new();
    private readonly GrainClass _class;
    private int _state;
    private int _running;
    private int _runningReadOnly;
    private DeactivationReason? _deactivation;
    private Exception? _activationError;
    private List<GrainTimer>? _timers;
    private Dictionary<string, Delegate>? _streamHandlers;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActivationData(SiloRuntime runtime, GrainId grainId, GrainClass grainClass)
    {
        Runtime = runtime;
        GrainId = grainId;
        _class = grainClass;
        LastActive = Environment.TickCount64;
    }

    /// <summary>The activation whose grain is being constructed on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    public static ActivationData? Constructing => t_constructing;

    public SiloRuntime Runtime { get; }

    public GrainId GrainId { get; }

    public GrainClass GrainClass => _class;

    public ActivationState State
    {
        get => (ActivationState)Volatile.Read(ref _state);
        private set => Volatile.Write(ref _state, (int)value);
    }

    public Grain? Instance { get; private set; }

    public long LastActive { get; private set; }

    public Task Deactivated => _deactivated.Task;

    internal IReadOnlyList<IPersistentStateLoader> PersistentStates { get; private set; } = [];

    /// <summary>Whether the activation has nothing running or waiting.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _running == 0 && _waiting.Count == 0;
            }
        }
    }

    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Calls a grain method: runs it on the caller's thread when the activation is free, queues it otherwise.</summary>
    public Task Invoke(GrainMethod method, object?[]? args, long chainId)
    {
        bool inline;
        lock (_lock)
        {
            inline = State == ActivationState.Valid && _waiting.Count == 0
                && CanAdmit(method.AlwaysInterleave, method.ReadOnly, chainId) && _scheduler.TryAcquire();
            if (inline)
            {
                Admit(chainId, method.ReadOnly, keepAlive: true);
            }
        }

        if (inline)
        {
            return RunInline(method, args, chainId);
        }

        var request = method.CreateRequest(args, chainId);
        Submit(request);
        return request.ResultTask;
    }

    /// <summary>Queues a request; starts activation if this is the first one.</summary>
    public void Submit(GrainRequest request)
    {
        var activate = false;
        var redispatch = false;
        lock (_lock)
        {
            switch (State)
            {
                case ActivationState.Invalid when request.BoundToActivation:
                    request.Fail(new ObjectDisposedException(GrainId.ToString(), "The activation was deactivated."));
                    return;
                case ActivationState.Invalid:
                    redispatch = true;
                    break;
                case ActivationState.Created:
                    State = ActivationState.Activating;
                    activate = true;
                    _waiting.Enqueue(request);
                    break;
                default:
                    _waiting.Enqueue(request);
                    RuntimeInstruments.MailboxLength.Add(1);
                    break;
            }

            if (activate)
            {
                RuntimeInstruments.MailboxLength.Add(1);
            }
        }

        if (redispatch)
        {
            Runtime.Dispatcher.Resubmit(GrainId, request);
        }
        else if (activate)
        {
            _scheduler.Post(static s => ((ActivationData)s!).StartActivation(), this);
        }
        else
        {
            AdmitWaiting();
        }
    }

    /// <summary>Asks for deactivation once nothing runs.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (State is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            _deactivation ??= reason;
            if (State != ActivationState.Valid || _running > 0)
            {
                return;
            }

            State = ActivationState.Deactivating;
        }

        _scheduler.Post(static s => _ = ((ActivationData)s!).DeactivateAsync(), this);
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    public void SetStreamHandler(string streamKey, Delegate handler)
    {
        lock (_lock)
        {
            (_streamHandlers ??= new(StringComparer.Ordinal))[streamKey] = handler;
        }
    }

    public void RemoveStreamHandler(string streamKey)
    {
        lock (_lock)
        {
            _streamHandlers?.Remove(streamKey);
        }
    }

    public Delegate? GetStreamHandler(string streamKey)
    {
        lock (_lock)
        {
            return _streamHandlers is not null && _streamHandlers.TryGetValue(streamKey, out var handler) ? handler : null;
        }
    }

    private bool CanAdmit(bool alwaysInterleave, bool readOnly, long chainId)
    {
        if (_running == 0 || alwaysInterleave || _class.IsReentrant)
        {
            return true;
        }

        if (readOnly && _runningReadOnly == _running)
        {
            return true;
        }

        return _runningChains.Contains(chainId);
    }

    private void Admit(long chainId, bool readOnly, bool keepAlive)
    {
        _running++;
        if (readOnly)
        {
            _runningReadOnly++;
        }

        _runningChains.Add(chainId);
        if (keepAlive)
        {
            LastActive = Environment.TickCount64;
        }
    }

    private Task RunInline(GrainMethod method, object?[]? args, long chainId)
    {
        var previousContext = CallContext.Current;
        var previousSync = SynchronizationContext.Current;
        var activity = RuntimeInstruments.StartCall(method.Name, GrainId);
        var started = RuntimeInstruments.CallStarted();
        Task task;
        CallContext.Current = new CallContext(chainId, this);
        SynchronizationContext.SetSynchronizationContext(_scheduler);
        try
        {
            task = method.InvokeOnGrain(Instance!, args);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousSync);
            CallContext.Current = previousContext;
            if (activity is not null)
            {
                Activity.Current = activity.Parent;
            }

            _scheduler.Release();
        }

        if (task.IsCompleted)
        {
            RuntimeInstruments.CallEnded(started, activity, task);
            OnRequestCompleted(chainId, method.ReadOnly);
            return task;
        }

        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
        {
            RuntimeInstruments.CallEnded(started, activity, task);
            OnRequestCompleted(chainId, method.ReadOnly);
        });
        return task;
    }

    private void AdmitWaiting()
    {
        while (true)
        {
            GrainRequest? request = null;
            lock (_lock)
            {
                if (State != ActivationState.Valid || _waiting.Count == 0)
                {
                    return;
                }

                var next = _waiting.Peek();
                if (!CanAdmit(next.AlwaysInterleave, next.ReadOnly, next.ChainId))
                {
                    return;
                }

                request = _waiting.Dequeue();
                RuntimeInstruments.MailboxLength.Add(-1);
                Admit(request.ChainId, request.ReadOnly, request.KeepAlive);
            }

            _scheduler.Post(static s => ((ActivationData)((object[])s!)[0]).RunQueued((GrainRequest)((object[])s)[1]), new object[] { this, request });
        }
    }

    private void RunQueued(GrainRequest request)
    {
        var activity = RuntimeInstruments.StartCall(request.Name, GrainId);
        var started = RuntimeInstruments.CallStarted();
        Task task;
        var previousContext = CallContext.Current;
        CallContext.Current = new CallContext(request.ChainId, this);
        try
        {
            task = request.Execute(Instance!);
        }
        finally
        {
            CallContext.Current = previousContext;
            if (activity is not null)
            {
                Activity.Current = activity.Parent;
            }
        }

        if (task.IsCompleted)
        {
            Finish(request, task, started, activity);
            return;
        }

        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Finish(request, task, started, activity));
    }

    private void Finish(GrainRequest request, Task task, long started, Activity? activity)
    {
        RuntimeInstruments.CallEnded(started, activity, task);
        OnRequestCompleted(request.ChainId, request.ReadOnly);
        request.Complete(task);
    }

    private void OnRequestCompleted(long chainId, bool readOnly)
    {
        var deactivate = false;
        var admit = false;
        lock (_lock)
        {
            _running--;
            if (readOnly)
            {
                _runningReadOnly--;
            }

            _runningChains.Remove(chainId);
            if (_running == 0 && _deactivation is not null && State == ActivationState.Valid)
            {
                State = ActivationState.Deactivating;
                deactivate = true;
            }
            else
            {
                admit = _waiting.Count > 0;
            }
        }

        if (deactivate)
        {
            _scheduler.Post(static s => _ = ((ActivationData)s!).DeactivateAsync(), this);
        }
        else if (admit)
        {
            AdmitWaiting();
        }
    }
}
