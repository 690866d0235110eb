namespace PyAirtable.GrainInterfaces.Users;

/// <summary>Whether an attempt may proceed now, and if not, when it may.</summary>
public sealed record ThrottleDecision(bool Allowed, TimeSpan RetryAfter);
