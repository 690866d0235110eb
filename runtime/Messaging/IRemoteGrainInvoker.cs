using PyAirtable.Runtime.Messaging.Requests;

namespace PyAirtable.Runtime.Messaging;

/// <summary>Carries a request to the silo that owns the grain; registered by clustering.</summary>
internal interface IRemoteGrainInvoker
{
    void Forward(SiloAddress target, GrainId grainId, GrainRequest request);
}
