using System.Collections.Concurrent;
using PyAirtable.Runtime.Reminders;

namespace PyAirtable.Runtime.Storage.Memory;

/// <summary>Reminders in a dictionary.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ReminderEntry> _rows = new();

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values]);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.Where(r => r.GrainId == grainId).OrderBy(r => r.Name, StringComparer.Ordinal)]);

    public Task UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _rows[(entry.GrainId, entry.Name)] = entry;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryRemove((grainId, name), out _));

    public Task UpdateNextDueAsync(IReadOnlyList<ReminderEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            var key = (entry.GrainId, entry.Name);
            if (_rows.TryGetValue(key, out var current) && current.StartAt == entry.StartAt && current.Period == entry.Period)
            {
                _rows.TryUpdate(key, current with { NextDue = entry.NextDue }, current);
            }
        }

        return Task.CompletedTask;
    }
}
