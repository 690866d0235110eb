using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

/// <summary>The throttling decision, pure: failures in the last hour decide whether and when the next attempt may come.</summary>
public static class LoginThrottlePolicy
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static IReadOnlyList<DateTimeOffset> Recent(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now) =>
        [.. failures.Where(f => now - f < Window)];

    public static ThrottleDecision Decide(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now, ThrottleLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var recent = Recent(failures, now);
        if (recent.Count >= limits.MaxFailuresPerHour)
        {
            return new ThrottleDecision(false, recent[recent.Count - limits.MaxFailuresPerHour] + Window - now);
        }

        if (recent.Count < limits.FreeFailures)
        {
            return new ThrottleDecision(true, TimeSpan.Zero);
        }

        var doublings = Math.Min(recent.Count - limits.FreeFailures, 16);
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, doublings + 1), limits.MaxDelay.TotalSeconds));
        var next = recent[^1] + delay;
        return next <= now ? new ThrottleDecision(true, TimeSpan.Zero) : new ThrottleDecision(false, next - now);
    }
}
