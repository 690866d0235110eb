namespace PyAirtable.Api.Auth;

/// <summary>Endpoint metadata: API keys may call this endpoint (workspace-scoped routes); elsewhere only users may.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AllowApiKeysAttribute : Attribute;
