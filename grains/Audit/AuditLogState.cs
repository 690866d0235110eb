namespace PyAirtable.Grains.Audit;

public sealed record AuditLogState
{
    public long LastSequence { get; init; }

    public string LastHash { get; init; } = AuditChain.Genesis;
}
