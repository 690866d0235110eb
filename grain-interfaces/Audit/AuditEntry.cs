namespace PyAirtable.GrainInterfaces.Audit;

/// <summary>One stored entry of the audit log: its place, the event, and the hash chaining it to the previous entry.</summary>
public sealed record AuditEntry(long Sequence, AuditEvent Event, string PreviousHash, string Hash);
