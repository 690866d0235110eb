using Microsoft.Extensions.Logging;
using PyAirtable.Runtime.Messaging;
using PyAirtable.Runtime.Telemetry;
using PyAirtable.Runtime.Timers;

namespace PyAirtable.Runtime.Catalog;

internal sealed partial class ActivationData
{
    /// <summary>
    /// Activates on the calling thread when the activation is new and nobody holds it, so that a
    /// grain whose construction, state read and OnActivateAsync complete synchronously needs no
    /// thread hop. Otherwise activation continues on the scheduler.
    /// </summary>
    /// <returns>The exception that failed the activation when it failed synchronously; the call then fails with it.</returns>
    public Exception? TryActivateInline(long chainId)
    {
        if (State != ActivationState.Created)
        {
            return null;
        }

        lock (_lock)
        {
            if (State != ActivationState.Created || !_scheduler.TryAcquire())
            {
                return null;
            }

            State = ActivationState.Activating;
        }

        var previousContext = CallContext.Current;
        try
        {
            CallContext.Current = new CallContext(chainId, this);
            _scheduler.RunInline(static s => _ = ((ActivationData)s!).ActivateAsync(), this);
        }
        finally
        {
            CallContext.Current = previousContext;
            _scheduler.Release();
        }

        return State == ActivationState.Invalid ? _activationError : null;
    }

    private void StartActivation()
    {
        long chainId;
        lock (_lock)
        {
            chainId = _waiting.Count > 0 ? _waiting.Peek().ChainId : CallContext.NewChainId();
        }

        CallContext.Current = new CallContext(chainId, this);
        _ = ActivateAsync();
    }

    private async Task ActivateAsync()
    {
        try
        {
            t_constructing = this;
            try
            {
                Instance = _class.Create(this, out var states);
                PersistentStates = states;
            }
            finally
            {
                t_constructing = null;
            }

            foreach (var state in PersistentStates)
            {
                await state.ReadStateAsync(CancellationToken.None);
            }

            await Instance.OnActivateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            FailActivation(exception);
            return;
        }

        lock (_lock)
        {
            State = ActivationState.Valid;
        }

        RuntimeInstruments.Activations.Add(1);
        AdmitWaiting();
    }

    private void FailActivation(Exception exception)
    {
        _activationError = exception;
        Log.ActivationFailed(Runtime.Logger, GrainId, exception);
        var waiting = TakeWaitingAndInvalidate();
        StopTimers();
        Instance = null;
        Runtime.Catalog.Remove(this);
        _deactivated.TrySetResult();
        foreach (var request in waiting)
        {
            request.Fail(exception);
        }
    }

    private async Task DeactivateAsync()
    {
        var reason = _deactivation ?? DeactivationReason.IdleCollection;
        StopTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            if (Instance is not null)
            {
                await Instance.OnDeactivateAsync(reason, timeout.Token);
            }
        }
        catch (Exception exception)
        {
            Log.DeactivationFailed(Runtime.Logger, GrainId, exception);
        }

        var waiting = TakeWaitingAndInvalidate();
        Runtime.Catalog.Remove(this);
        RuntimeInstruments.Activations.Add(-1);
        Instance = null;
        PersistentStates = [];
        _deactivated.TrySetResult();
        foreach (var request in waiting)
        {
            if (request.BoundToActivation)
            {
                request.Fail(new ObjectDisposedException(GrainId.ToString(), "The activation was deactivated."));
            }
            else
            {
                Runtime.Dispatcher.Resubmit(GrainId, request);
            }
        }
    }

    private List<Messaging.Requests.GrainRequest> TakeWaitingAndInvalidate()
    {
        lock (_lock)
        {
            State = ActivationState.Invalid;
            RuntimeInstruments.MailboxLength.Add(-_waiting.Count);
            var waiting = new List<Messaging.Requests.GrainRequest>(_waiting);
            _waiting.Clear();
            _streamHandlers = null;
            return waiting;
        }
    }

    private void StopTimers()
    {
        List<GrainTimer>? timers;
        lock (_lock)
        {
            timers = _timers;
            _timers = null;
        }

        if (timers is not null)
        {
            foreach (var timer in timers)
            {
                timer.Stop();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
        public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
        public static partial void DeactivationFailed(ILogger logger, GrainId grainId, Exception exception);
    }
}
