namespace PyAirtable.Runtime.Reminders;

/// <summary>Pure reminder arithmetic.</summary>
internal static class ReminderSchedule
{
    /// <summary>
    /// The first tick strictly after <paramref name="now"/>: ticks missed while the silo was down
    /// or while a tick ran are skipped, so a late reminder fires once, not once per missed tick.
    /// </summary>
    public static DateTimeOffset NextTickAfter(DateTimeOffset startAt, TimeSpan period, DateTimeOffset now)
    {
        if (now < startAt)
        {
            return startAt;
        }

        var elapsedPeriods = (now - startAt).Ticks / period.Ticks;
        return startAt + TimeSpan.FromTicks((elapsedPeriods + 1) * period.Ticks);
    }
}
