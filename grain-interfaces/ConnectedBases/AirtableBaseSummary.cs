namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>A base a connection's token can see, as Airtable lists it.</summary>
public sealed record AirtableBaseSummary(string Id, string Name, string PermissionLevel);
