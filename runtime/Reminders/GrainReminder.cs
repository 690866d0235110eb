namespace PyAirtable.Runtime.Reminders;

/// <summary>A registered reminder as handed to grains.</summary>
internal sealed record GrainReminder(string ReminderName, TimeSpan Period) : IGrainReminder;
