namespace PyAirtable.GrainInterfaces.Changes;

/// <summary>One journaled change made through a writing tool, keyed by its change id (chg…): what it did and whether it was reverted.</summary>
public interface IChangeGrain : IGrainWithStringKey
{
    /// <summary>Stores the change; a change id is written once.</summary>
    Task RecordAsync(ChangeEntry entry);

    /// <summary>The change, or null for an unknown id.</summary>
    [ReadOnly]
    Task<ChangeEntry?> GetAsync();

    /// <summary>Marks the change reverted by the user <paramref name="revertedBy"/>; false when it already was.</summary>
    Task<bool> MarkRevertedAsync(string revertedBy, DateTimeOffset at);
}
