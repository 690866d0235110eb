namespace PyAirtable.Api.Auth;

/// <summary>Endpoint metadata: reachable by a user who must still change their password (the bootstrap administrator).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AllowPendingPasswordChangeAttribute : Attribute;
