using PyAirtable.GrainInterfaces.ApiKeys;

namespace PyAirtable.Api.Mcp;

/// <summary>
/// The API key scope a tool needs when it is more than its annotations say: read-only tools need
/// <c>read</c>, other tools <c>write</c>, and tools marked with this attribute the scope it names.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class McpScopeAttribute(ApiKeyScope scope) : Attribute
{
    public ApiKeyScope Scope => scope;
}
