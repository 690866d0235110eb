namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>
/// Many rows owned by one grain (the records of a base, the entries of a log): each row is its
/// own stored row, never one blob for the whole collection, so a write of ten rows costs ten
/// rows however large the collection is. A collection has a version; every batch names the
/// version it read, and a mismatch throws <see cref="InconsistentStateException"/> so a second
/// activation that raced the first can never overwrite it. A batch is atomic and durable when
/// the call returns.
/// </summary>
public interface IGrainRowStorage
{
    /// <summary>Every row of the collection in ordinal order of <see cref="StoredRow.Key"/>, and the collection's version (0 when never written).</summary>
    Task<RowSet> ReadAllAsync(string collection, GrainId owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the batch's upserts and deletes, all or none, if the collection's version is
    /// <see cref="RowBatch.ExpectedVersion"/>; returns the new version (expected + 1).
    /// </summary>
    Task<long> WriteAsync(string collection, GrainId owner, RowBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Deletes every row of the collection if its version matches; returns the new version, so stale writers stay stale.</summary>
    Task<long> ClearAsync(string collection, GrainId owner, long expectedVersion, CancellationToken cancellationToken = default);
}
