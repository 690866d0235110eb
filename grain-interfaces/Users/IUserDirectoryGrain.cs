namespace PyAirtable.GrainInterfaces.Users;

/// <summary>The list of every user id (one grain, key <c>all</c>), for administrators and the first-start bootstrap.</summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a user id.</summary>
    Task AddAsync(string userId);

    /// <summary>Every user id, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
