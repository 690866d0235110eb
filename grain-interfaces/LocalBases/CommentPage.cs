namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>Comments of a record, newest first, and the offset of the next page.</summary>
public sealed record CommentPage(IReadOnlyList<RecordComment> Comments, string? Offset);
