using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>A base's schema and counters: stored as one row beside its records, so both change in one atomic batch.</summary>
public sealed record LocalBaseState
{
    public BaseInfo? Info { get; init; }

    public bool Deleted { get; init; }

    public IReadOnlyList<TableSchema> Tables { get; init; } = [];

    /// <summary>The next <c>autoNumber</c> of each table.</summary>
    public IReadOnlyDictionary<string, long> NextAutoNumber { get; init; } = new Dictionary<string, long>();

    /// <summary>The next record sequence number (creation order across the base).</summary>
    public long NextSeq { get; init; } = 1;
}
