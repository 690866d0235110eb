namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>
/// Many rows owned by one grain (the records of a base, the entries of a log): each row is its
/// own stored row, never one blob for the whole collection, so a write of ten rows costs ten
/// rows however large the collection is. A collection has a version; every batch names the
/// version it read, and a mismatch throws <see cref="InconsistentStateException"/> so a second
/// activation that raced the first can never overwrite it. A batch is atomic and durable when
/// the call returns. The exception's <see cref="InconsistentStateException.StoredEtag"/> and
/// <see cref="InconsistentStateException.CurrentEtag"/> are the stored and the expected version,
/// in decimal.
/// </summary>
public interface IGrainRowStorage
{
    /// <summary>Every row of the collection in ordinal order of <see cref="StoredRow.Key"/>, and the collection's version (0 when never written).</summary>
    Task<RowSet> ReadAllAsync(string collection, GrainId owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the batch's upserts and deletes, all or none, if the collection's version is
    /// <see cref="RowBatch.ExpectedVersion"/>; returns the new version (expected + 1). An empty
    /// batch moves the version too, which fences out every writer that read before it. Deleting a
    /// key that is not stored is not an error. A batch that names a key twice, or a negative
    /// version, throws <see cref="ArgumentException"/> and stores nothing.
    /// </summary>
    Task<long> WriteAsync(string collection, GrainId owner, RowBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every row of the collection if its version matches; returns the new version
    /// (expected + 1, also for a collection never written), so stale writers stay stale.
    /// </summary>
    Task<long> ClearAsync(string collection, GrainId owner, long expectedVersion, CancellationToken cancellationToken = default);
}
