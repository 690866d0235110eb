namespace PyAirtable.Api.Connections;

/// <summary>A new Airtable connection: a name for it and an Airtable personal access token.</summary>
public sealed record ConnectBody(string? Name, string? Token);
