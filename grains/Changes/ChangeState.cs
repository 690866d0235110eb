using PyAirtable.GrainInterfaces.Changes;

namespace PyAirtable.Grains.Changes;

public sealed record ChangeState
{
    public ChangeEntry? Entry { get; init; }
}
