namespace PyAirtable.Runtime;

/// <summary>Marks an interface method that does not change state: read-only calls may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute
{
}
