using System.Text.Json;

namespace PyAirtable.GrainInterfaces.Changes;

/// <summary>One record's part of a change: create (no before), update, or delete (no after); cells keyed by field name.</summary>
public sealed record JournaledRecord(string Action, string RecordId, IReadOnlyDictionary<string, JsonElement>? Before, IReadOnlyDictionary<string, JsonElement>? After);
