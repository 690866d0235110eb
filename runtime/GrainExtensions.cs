namespace PyAirtable.Runtime;

/// <summary>Orleans-style key accessors for grains.</summary>
public static class GrainExtensions
{
    /// <summary>The grain's string key.</summary>
    public static string GetPrimaryKeyString(this Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainId.Key;
    }

    /// <summary>The grain's <see cref="Guid"/> key.</summary>
    public static Guid GetPrimaryKey(this Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return Guid.Parse(grain.GrainId.Key);
    }

    /// <summary>The identity of the grain a reference points to.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain is Messaging.IGrainReference reference
        ? reference.GrainId
        : throw new ArgumentException("Not a grain reference.", nameof(grain));
}
