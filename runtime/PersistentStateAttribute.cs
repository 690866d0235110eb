namespace PyAirtable.Runtime;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be injected.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The name of the state within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name; <c>Default</c> when null.</summary>
    public string StorageName { get; } = storageName ?? GrainStorageNames.Default;
}
