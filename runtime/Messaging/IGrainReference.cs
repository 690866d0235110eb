namespace PyAirtable.Runtime.Messaging;

/// <summary>Implemented by every grain reference: the identity it points to.</summary>
public interface IGrainReference
{
    GrainId GrainId { get; }
}
