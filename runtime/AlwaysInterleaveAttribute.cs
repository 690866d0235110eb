namespace PyAirtable.Runtime;

/// <summary>Marks an interface method whose calls may interleave with any other call to the grain.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
