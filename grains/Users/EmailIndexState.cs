namespace PyAirtable.Grains.Users;

public sealed record EmailIndexState
{
    public string? UserId { get; init; }
}
