namespace PyAirtable.GrainInterfaces.Audit;

/// <summary>
/// The append-only, hash-chained audit log (key <c>log</c>): subscribes to the audit stream and
/// appends every event to chunked storage; each entry's hash covers the previous entry's hash.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Entries newest first, optionally only those of one workspace.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(string? workspaceId, int limit);

    /// <summary>Re-reads every stored entry and checks the chain; names the first bad entry.</summary>
    Task<AuditVerification> VerifyAsync();
}
