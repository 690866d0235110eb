namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A user as collaborator fields and <c>createdBy</c> show them.</summary>
public sealed record Collaborator(string Id, string? Email, string? Name);
