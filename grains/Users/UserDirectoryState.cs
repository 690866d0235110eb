namespace PyAirtable.Grains.Users;

public sealed record UserDirectoryState
{
    public IReadOnlyList<string> UserIds { get; init; } = [];
}
