using PyAirtable.GrainInterfaces.Audit;

namespace PyAirtable.Grains.Audit;

public sealed record AuditChunkState
{
    public IReadOnlyList<AuditEntry> Entries { get; init; } = [];
}
