namespace PyAirtable.Runtime;

/// <summary>A grain timer; dispose it to stop it. Timers are not durable and stop at deactivation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
