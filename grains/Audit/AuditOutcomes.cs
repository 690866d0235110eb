namespace PyAirtable.Grains.Audit;

/// <summary>The outcomes an audit entry records.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}
