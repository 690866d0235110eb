namespace PyAirtable.Benchmarks.Activations;

/// <summary>The state of <see cref="StatefulPingGrain"/>.</summary>
public sealed record PingState
{
    public int Total { get; init; }
}
