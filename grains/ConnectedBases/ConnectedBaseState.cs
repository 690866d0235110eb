namespace PyAirtable.Grains.ConnectedBases;

public sealed record ConnectedBaseState
{
    public string ConnectionId { get; init; } = "";

    public string Name { get; init; } = "";

    public DateTimeOffset ConnectedAt { get; init; }
}
