using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

/// <summary>One grain per address, one turn at a time: two registrations of one address cannot both win.</summary>
public sealed class EmailIndexGrain([PersistentState("email")] IPersistentState<EmailIndexState> state) : Grain, IEmailIndexGrain
{
    public async Task<bool> ClaimAsync(string userId)
    {
        if (state.State.UserId is { } owner)
        {
            return owner == userId;
        }

        state.State = new EmailIndexState { UserId = userId };
        await state.WriteStateAsync();
        return true;
    }

    public async Task ReleaseAsync(string userId)
    {
        if (state.State.UserId == userId)
        {
            await state.ClearStateAsync();
        }
    }

    public Task<string?> GetUserIdAsync() => Task.FromResult(state.State.UserId);
}
