namespace PyAirtable.Runtime;

/// <summary>How a grain timer behaves.</summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Whether ticks may interleave with other calls (default: no, they are turns).</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as activity that keeps the grain from idle deactivation.</summary>
    public bool KeepAlive { get; init; }
}
