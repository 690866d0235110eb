namespace PyAirtable.Grains.Users;

/// <summary>Refresh-token rotation as a pure function over the families.</summary>
public static class RefreshTokenRules
{
    /// <summary>Families kept per user; the oldest are dropped first once over this.</summary>
    public const int MaxFamilies = 50;

    public static (RefreshResult Result, IReadOnlyList<RefreshFamily> Families) Rotate(IReadOnlyList<RefreshFamily> families, string presentedHash, string newHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(families);
        var current = families.FirstOrDefault(f => f.CurrentHash == presentedHash);
        if (current is not null)
        {
            if (current.Revoked || current.ExpiresAt <= now)
            {
                return (RefreshResult.Invalid, families);
            }

            var rotated = current with { CurrentHash = newHash, UsedHashes = [.. current.UsedHashes, presentedHash] };
            return (RefreshResult.Rotated, Replace(families, rotated));
        }

        var reused = families.FirstOrDefault(f => f.UsedHashes.Contains(presentedHash));
        return reused is null
            ? (RefreshResult.Invalid, families)
            : (RefreshResult.Reused, Replace(families, reused with { Revoked = true }));
    }

    /// <summary>Adds a family and forgets expired ones and the oldest beyond <see cref="MaxFamilies"/>.</summary>
    public static IReadOnlyList<RefreshFamily> Add(IReadOnlyList<RefreshFamily> families, RefreshFamily family, DateTimeOffset now) =>
        [.. families.Where(f => f.ExpiresAt > now).TakeLast(MaxFamilies - 1), family];

    public static IReadOnlyList<RefreshFamily> Revoke(IReadOnlyList<RefreshFamily> families, Func<RefreshFamily, bool> which) =>
        [.. families.Select(f => which(f) ? f with { Revoked = true } : f)];

    private static IReadOnlyList<RefreshFamily> Replace(IReadOnlyList<RefreshFamily> families, RefreshFamily family) =>
        [.. families.Select(f => f.Id == family.Id ? family : f)];
}
