namespace PyAirtable.Api.Bases;

/// <summary>A new name and/or Airtable parity (Airtable's rate limits) for a base.</summary>
public sealed record UpdateBaseBody(string? Name, bool? AirtableParity);
