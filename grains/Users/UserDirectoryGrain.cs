using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

public sealed class UserDirectoryGrain([PersistentState("users")] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    public async Task AddAsync(string userId)
    {
        if (!state.State.UserIds.Contains(userId))
        {
            state.State = new UserDirectoryState { UserIds = [.. state.State.UserIds, userId] };
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult(state.State.UserIds);
}
