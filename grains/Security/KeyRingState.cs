using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.Grains.Security;

public sealed record KeyRingState
{
    public KeyMaterial? Keys { get; init; }
}
