namespace PyAirtable.GrainInterfaces.Security;

/// <summary>Who asks, and from where: what every security-relevant grain call carries so its audit entry can say so.</summary>
public sealed record Caller(string UserId, string? ClientAddress);
