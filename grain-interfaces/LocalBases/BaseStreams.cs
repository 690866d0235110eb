namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>The <c>base/{baseId}</c> stream carries every record and schema change of a base.</summary>
public static class BaseStreams
{
    public const string Namespace = "base";
}
