using PyAirtable.GrainInterfaces.Changes;

namespace PyAirtable.Grains.Changes;

/// <summary>One journaled change; stored before the tool reports its id, so a reported change can always be found to revert.</summary>
public sealed class ChangeGrain([PersistentState("change")] IPersistentState<ChangeState> state) : Grain, IChangeGrain
{
    public async Task RecordAsync(ChangeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Entry is not null)
        {
            throw new InvalidOperationException("This change id is taken.");
        }

        state.State = new ChangeState { Entry = entry };
        await state.WriteStateAsync();
    }

    public Task<ChangeEntry?> GetAsync() => Task.FromResult(state.State.Entry);

    public async Task<bool> MarkRevertedAsync(string revertedBy, DateTimeOffset at)
    {
        if (state.State.Entry is not { RevertedBy: null } entry)
        {
            return false;
        }

        state.State = new ChangeState { Entry = entry with { RevertedBy = revertedBy, RevertedAt = at } };
        await state.WriteStateAsync();
        return true;
    }
}
