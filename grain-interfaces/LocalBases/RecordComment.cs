namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A comment on a record.</summary>
public sealed record RecordComment(string Id, Collaborator Author, string Text, DateTimeOffset CreatedTime, DateTimeOffset? LastUpdatedTime);
