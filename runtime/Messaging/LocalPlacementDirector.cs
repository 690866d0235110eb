namespace PyAirtable.Runtime.Messaging;

/// <summary>Places every grain on the local silo: the single-silo (embedded) mode.</summary>
public sealed class LocalPlacementDirector(SiloAddress localSilo) : IPlacementDirector
{
    public SiloAddress PlaceGrain(GrainId grainId) => localSilo;
}
