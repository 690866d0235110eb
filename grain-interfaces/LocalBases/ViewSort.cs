namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>One sort key: a field (name or id) and <c>asc</c> or <c>desc</c>.</summary>
public sealed record ViewSort(string Field, string Direction);
