using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Messaging.Requests;

namespace PyAirtable.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick runs as a turn of the grain; the next tick is scheduled only after
/// the callback finished, so ticks never overlap. Stopped by Dispose or by deactivation.
/// </summary>
internal sealed class GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    : IGrainTimer
{
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private TimeSpan _period = options.Period;

    public void Start()
    {
        lock (_lock)
        {
            _timer = activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).Tick(), this, options.DueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _period = period;
            _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        Stop();
        activation.RemoveTimer(this);
    }

    public void Stop()
    {
        lock (_lock)
        {
            if (_stopped.IsCancellationRequested)
            {
                return;
            }

            _stopped.Cancel();
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Tick()
    {
        if (_stopped.IsCancellationRequested || activation.State != ActivationState.Valid)
        {
            return;
        }

        var request = new SystemRequest("timer", _ => _stopped.IsCancellationRequested ? Task.CompletedTask : callback(_stopped.Token),
            options.Interleave, options.KeepAlive, boundToActivation: true);
        activation.Submit(request);
        request.ResultTask.ContinueWith(static (_, s) => ((GrainTimer)s!).ScheduleNext(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void ScheduleNext()
    {
        lock (_lock)
        {
            if (!_stopped.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan)
            {
                _timer?.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
