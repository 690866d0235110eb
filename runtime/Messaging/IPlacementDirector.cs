namespace PyAirtable.Runtime.Messaging;

/// <summary>
/// Decides which silo owns a grain's activation. The single-silo director answers "this one";
/// clustering replaces it with rendezvous hashing over the live membership.
/// </summary>
public interface IPlacementDirector
{
    /// <summary>The silo that should host <paramref name="grainId"/>.</summary>
    SiloAddress PlaceGrain(GrainId grainId);
}
