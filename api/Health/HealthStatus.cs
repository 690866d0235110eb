namespace PyAirtable.Api.Health;

/// <summary>The body of a successful health check.</summary>
public sealed record HealthStatus(string Status, string? Storage);
