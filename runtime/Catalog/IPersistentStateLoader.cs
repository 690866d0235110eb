namespace PyAirtable.Runtime.Catalog;

/// <summary>A persistent state the runtime reads before an activation's first turn.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
