namespace PyAirtable.GrainInterfaces.Audit;

/// <summary>A fixed-size slice of the audit log (key: chunk number), written only by the log grain.</summary>
public interface IAuditChunkGrain : IGrainWithStringKey
{
    /// <summary>Appends entries; durable when this returns.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries);

    /// <summary>The stored entries, read afresh from storage.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync();
}
