namespace PyAirtable.Runtime;

/// <summary>
/// Fixes a grain class's type name (the first half of its <see cref="GrainId"/>), so that stored
/// state, reminders and subscriptions survive a rename of the class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
