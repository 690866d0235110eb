namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// A list-records iteration in progress: the records it selected, in order, and when it ends.
/// <paramref name="Reusable"/>: the selection did not read the clock, so its pages may be
/// reused until the base changes.
/// </summary>
public sealed record ListIterator(string Id, IReadOnlyList<string> RecordIds, string QueryKey, DateTimeOffset ExpiresAt, bool Reusable);
