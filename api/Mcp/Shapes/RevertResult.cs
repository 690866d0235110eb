namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>
/// What reverting a change did: the parts undone, the parts it could not undo and why, the record
/// changes the revert made, and its own change id (so a revert can be reverted too).
/// </summary>
public sealed record RevertResult(string ChangeId, IReadOnlyList<string> Undone, IReadOnlyList<string> NotUndone, IReadOnlyList<RecordChange> Changes, string? RevertChangeId = null);
