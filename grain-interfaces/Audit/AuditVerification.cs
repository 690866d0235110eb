namespace PyAirtable.GrainInterfaces.Audit;

/// <summary>The result of walking the hash chain: how many entries hold, and the first that does not.</summary>
public sealed record AuditVerification(bool Valid, long EntriesChecked, long? FirstInvalidSequence, string? Reason);
