using System.Globalization;

namespace PyAirtable.Runtime.Storage.Rows;

/// <summary>
/// What every row storage checks and answers the same way: the providers share these so that a
/// batch one of them rejects, or a mismatch it reports, reads alike on all three.
/// </summary>
internal static class RowRules
{
    /// <summary>
    /// Rejects a batch the contract does not define before anything is stored. A repeated key
    /// would mean last-wins on one provider and an error halfway through on another.
    /// </summary>
    public static void Validate(string collection, RowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Changes, nameof(batch));
        ValidateVersion(collection, batch.ExpectedVersion);
        var keys = new HashSet<string>(batch.Changes.Count, StringComparer.Ordinal);
        foreach (var change in batch.Changes)
        {
            if (change?.Key is not { } key)
            {
                throw new ArgumentException("Every change of a row batch needs a key.", nameof(batch));
            }

            if (!keys.Add(key))
            {
                throw new ArgumentException($"The row '{key}' appears more than once in one batch.", nameof(batch));
            }
        }
    }

    public static void ValidateVersion(string collection, long expectedVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
    }

    public static InconsistentStateException Mismatch(string action, string collection, GrainId owner, long stored, long expected) =>
        new($"Version mismatch {action} rows {collection} of {owner}: stored {stored}, expected {expected}.", Text(stored), Text(expected));

    /// <summary>
    /// <paramref name="rows"/> in ordinal (UTF-16) order of their keys. Databases order text by
    /// UTF-8 bytes, which differs only where a key mixes characters above U+FFFF with ones from
    /// U+E000 to U+FFFF: the rows arrive nearly sorted, so checking costs one pass and sorting is rare.
    /// </summary>
    public static IReadOnlyList<StoredRow> InOrdinalOrder(List<StoredRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (string.CompareOrdinal(rows[i - 1].Key, rows[i].Key) > 0)
            {
                rows.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                break;
            }
        }

        return rows;
    }

    private static string Text(long version) => version.ToString(CultureInfo.InvariantCulture);
}
