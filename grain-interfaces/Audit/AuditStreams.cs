namespace PyAirtable.GrainInterfaces.Audit;

/// <summary>The one audit stream every security event is published to.</summary>
public static class AuditStreams
{
    public const string Namespace = "audit";

    /// <summary>The single key: one writer keeps one chain.</summary>
    public const string Key = "log";
}
