using PyAirtable.GrainInterfaces.Audit;

namespace PyAirtable.Grains.Audit;

/// <summary>Append-only slice of the log; an entry whose sequence is already stored is a redelivery and is skipped.</summary>
public sealed class AuditChunkGrain([PersistentState("audit")] IPersistentState<AuditChunkState> state) : Grain, IAuditChunkGrain
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var last = state.State.Entries.Count == 0 ? 0 : state.State.Entries[^1].Sequence;
        var fresh = entries.Where(e => e.Sequence > last).ToList();
        if (fresh.Count > 0)
        {
            state.State = new AuditChunkState { Entries = [.. state.State.Entries, .. fresh] };
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync()
    {
        await state.ReadStateAsync();
        return state.State.Entries;
    }
}
