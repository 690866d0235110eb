namespace PyAirtable.GrainInterfaces.LocalBases.Events;

/// <summary>
/// The schema changed: <see cref="Change"/> is <c>base.created</c>, <c>base.deleted</c>,
/// <c>table.created</c>, <c>table.updated</c>, <c>field.created</c>, <c>field.updated</c> or <c>view.changed</c>.
/// </summary>
public sealed record SchemaChanged(string BaseId, string Change, string? TableId, string? FieldId, string? ActorId, DateTimeOffset At);
