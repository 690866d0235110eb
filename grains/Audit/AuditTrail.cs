using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Grains.Audit;

/// <summary>Publishes security events to the <c>audit</c> stream; durable once the call returns.</summary>
public sealed class AuditTrail(IStreamProvider streams, TimeProvider time)
{
    public Task RecordAsync(string action, string? actorId, string? target, string? workspaceId, string? clientAddress, string outcome = AuditOutcomes.Success, string? detail = null) =>
        streams.GetStream<AuditEvent>(StreamId.Create(AuditStreams.Namespace, AuditStreams.Key))
            .OnNextAsync(new AuditEvent(action, actorId, target, workspaceId, time.GetUtcNow().ToUniversalTime(), clientAddress, outcome, detail));
}
