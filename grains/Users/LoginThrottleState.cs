namespace PyAirtable.Grains.Users;

public sealed record LoginThrottleState
{
    public IReadOnlyList<DateTimeOffset> Failures { get; init; } = [];
}
