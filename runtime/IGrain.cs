namespace PyAirtable.Runtime;

/// <summary>Marker for every grain interface; use <see cref="IGrainWithStringKey"/> or <see cref="IGrainWithGuidKey"/>.</summary>
public interface IGrain
{
}
