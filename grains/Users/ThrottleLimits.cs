namespace PyAirtable.Grains.Users;

/// <summary>How many failures pass freely, the most per hour, and the longest delay between attempts once delays begin.</summary>
public sealed record ThrottleLimits(int FreeFailures, int MaxFailuresPerHour, TimeSpan MaxDelay)
{
    /// <summary>Per account: at most 100 failures an hour (OWASP ASVS 2.2.1), doubling delays after 5.</summary>
    public static ThrottleLimits Account { get; } = new(5, 100, TimeSpan.FromMinutes(1));

    /// <summary>Per client address: more room, since one address may serve many people.</summary>
    public static ThrottleLimits Address { get; } = new(20, 1000, TimeSpan.FromSeconds(30));
}
