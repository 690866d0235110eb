namespace PyAirtable.Runtime.Messaging;

/// <summary>A silo's identity in a cluster: its name and the endpoint other silos reach it on.</summary>
public sealed record SiloAddress(string Name, string Endpoint);
