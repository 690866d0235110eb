using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Bases;

/// <summary>
/// A new local base (its name and tables; the first field of each is primary), or, with
/// <see cref="ConnectionId"/> and <see cref="BaseId"/>, an Airtable base connected through one of
/// the workspace's connections.
/// </summary>
public sealed record CreateBaseBody(string? Name, IReadOnlyList<TableDefinition>? Tables, string? ConnectionId = null, string? BaseId = null);
