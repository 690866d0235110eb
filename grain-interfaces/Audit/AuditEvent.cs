namespace PyAirtable.GrainInterfaces.Audit;

/// <summary>
/// A security-relevant action, published to the <c>audit</c> stream: who, what, on what, when
/// (UTC), from where, and how it ended. Never passwords, tokens or codes.
/// </summary>
public sealed record AuditEvent(
    string Action,
    string? ActorId,
    string? Target,
    string? WorkspaceId,
    DateTimeOffset OccurredAt,
    string? ClientAddress,
    string Outcome,
    string? Detail = null);
