namespace PyAirtable.Runtime;

/// <summary>Lets calls to the grain interleave at every await. The grain must keep its invariants across awaits.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}
