namespace PyAirtable.Api.Connections;

/// <summary>A replacement Airtable token for a connection.</summary>
public sealed record TokenBody(string? Token);
