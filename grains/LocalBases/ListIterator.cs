namespace PyAirtable.Grains.LocalBases;

/// <summary>A list-records iteration in progress: the records it selected, in order, and when it ends.</summary>
public sealed record ListIterator(string Id, IReadOnlyList<string> RecordIds, string QueryKey, DateTimeOffset ExpiresAt);
