namespace PyAirtable.Runtime.Reminders;

/// <summary>Durable storage of reminders.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the reminder (grain id, name).</summary>
    Task UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes the reminder; false when there was none.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>Records the next due time of reminders that fired; reminders removed meanwhile stay removed.</summary>
    Task UpdateNextDueAsync(IReadOnlyList<ReminderEntry> entries, CancellationToken cancellationToken);
}
