namespace PyAirtable.Runtime.Reminders;

/// <summary>A stored reminder: first tick at <see cref="StartAt"/>, then every <see cref="Period"/>; the next tick is <see cref="NextDue"/>.</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period, DateTimeOffset NextDue);
