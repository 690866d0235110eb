namespace PyAirtable.GrainInterfaces.Users;

/// <summary>Maps one normalized e-mail address to the user who owns it; keyed by the normalized address.</summary>
public interface IEmailIndexGrain : IGrainWithStringKey
{
    /// <summary>Claims the address for <paramref name="userId"/>; true when it was free or already theirs.</summary>
    Task<bool> ClaimAsync(string userId);

    /// <summary>Frees the address if <paramref name="userId"/> holds it.</summary>
    Task ReleaseAsync(string userId);

    /// <summary>The owner of the address, or null.</summary>
    [ReadOnly]
    Task<string?> GetUserIdAsync();
}
