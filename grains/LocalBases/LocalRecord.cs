using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// A record as the base holds it. <see cref="Cells"/> are keyed by field id and hold stored and,
/// in memory, computed values; only stored ones go to the row. <see cref="Seq"/> is creation order.
/// </summary>
public sealed record LocalRecord
{
    public required string Id { get; init; }

    public required string TableId { get; init; }

    public long Seq { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public Collaborator? CreatedBy { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }

    public Collaborator? LastModifiedBy { get; init; }

    public IReadOnlyDictionary<string, JsonElement> Cells { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>When each stored cell last changed: what <c>lastModifiedTime</c> fields watching some fields read.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> CellModified { get; init; } = new Dictionary<string, DateTimeOffset>();

    public IReadOnlyList<RecordComment> Comments { get; init; } = [];

    public JsonElement? Cell(string fieldId) => Cells.TryGetValue(fieldId, out var value) ? value : null;
}
