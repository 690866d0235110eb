using System.Text.Json;

namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A record as the Web API returns it: empty values are absent from <see cref="Fields"/>.</summary>
public sealed record RecordData(string Id, DateTimeOffset CreatedTime, IReadOnlyDictionary<string, JsonElement> Fields, int? CommentCount = null);
